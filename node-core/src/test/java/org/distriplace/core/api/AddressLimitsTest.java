package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits per address over real loopback sockets: placements per second, and requests that trickle in. */
class AddressLimitsTest {

    private Node node;
    private ApiServer server;
    private String base;
    private final TestHttp http = new TestHttp();

    @BeforeEach
    void start() throws Exception {
        node = LoneNode.started(20, 10, 0);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults().withPlacementsPerSecond(2)
            .withRequestSeconds(1));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private HttpResponse<String> place(int x) throws Exception {
        return http.post(base + "/pixel", "{\"x\":" + x + ",\"y\":1,\"color\":\"#FF4500\"}");
    }

    @Test
    void placementsBeyondTheAddressRateAreRefusedChangeNothingAndResumeAfterAMoment() throws Exception {
        for (int x = 0; x < 4; x++) {
            assertEquals(200, place(x).statusCode(), "a burst of twice the rate");
        }
        HttpResponse<String> refused = place(9);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = Responses.JSON.readTree(refused.body()).path("error");
        assertEquals("RATE_LIMITED", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("2 pixels a second"), refused.body());
        assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
        assertEquals(node.config().palette().backgroundIndex(),
            http.getBytes(base + "/api/v1/canvas").body()[20 + 9], "the refused pixel is untouched");

        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws", frames);
        frames.next("canvas");
        Await.until("the address's budget back", Duration.ofSeconds(5), () -> placed(10));
        while (placed(11)) {
            // Spend what refilled meanwhile.
        }
        socket.sendText("{\"type\":\"place\",\"x\":12,\"y\":1,\"color\":\"#FF4500\",\"requestId\":3}", true).join();
        JsonNode wsError = frames.next("error");
        assertEquals("RATE_LIMITED", wsError.path("code").asText(), "the WebSocket shares the address's budget");
        assertEquals(3, wsError.path("requestId").asInt());
        socket.abort();
    }

    private boolean placed(int x) {
        try {
            return place(x).statusCode() == 200;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void aRequestTrickledInSlowerThanTheDeadlineIsAnswered408AndClosed() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /api/v1/canvas/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(slow.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("REQUEST_TIMEOUT"), answer);
        }
        assertEquals(200, http.get(base + "/api/v1/canvas/info").statusCode(), "whole requests are answered");
    }

    @Test
    void anUpgradeHeaderOnAPlainRequestDoesNotLiftTheDeadline() throws Exception {
        try (Socket sly = new Socket("127.0.0.1", server.port())) {
            sly.setSoTimeout(10_000);
            OutputStream out = sly.getOutputStream();
            out.write(("GET /api/v1/canvas/info HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\nGET /api/v1/canvas/info HTTP/1.1\r\nX-Slow: ")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = readAll(sly.getInputStream());
            assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
            // The read ends: the connection was closed within the deadline, not left to the idle timeout.
        }
    }

    @Test
    void aKeptAliveConnectionIdleLongerThanTheDeadlineIsClosedQuietly() throws Exception {
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write("GET /api/v1/canvas/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = readAll(client.getInputStream());
            assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
            assertTrue(!answers.contains("408"), "nothing was on its way: no 408, just the close: " + answers);
        }
    }

    @Test
    void aWebSocketIsNotHeldToTheRequestDeadline() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws", frames);
        frames.next("canvas");
        // A player who waits longer than the deadline before placing.
        Thread.sleep(1_500);
        socket.sendText("{\"type\":\"ping\"}", true).join();
        frames.next("pong");
        assertEquals(-1, frames.closeCode());
        socket.abort();
    }
}
