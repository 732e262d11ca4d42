package org.distriplace.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a test WebSocket's JSON text messages, and how it was closed. */
public final class WebSocketFrames implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int closeCode = -1;

    /** Opens a WebSocket to {@code uri} whose frames this collects. */
    public static WebSocket connect(String uri, WebSocketFrames frames) {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(uri), frames).join();
    }

    /** Opens a WebSocket to {@code uri} sending {@code cookie} (name=value) with its handshake. */
    public static WebSocket connect(String uri, String cookie, WebSocketFrames frames) {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie)
            .buildAsync(URI.create(uri), frames).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    /** The close code the server sent, or -1 while open. */
    public int closeCode() {
        return closeCode;
    }

    /** The next frame of {@code type}, skipping others; fails after 10 s. */
    public JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode frame = received.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame within 10 s");
            }
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }
}
