package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.model.Color;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket client that connects and never reads, over real loopback sockets: the node stops buffering for it
 * at its backlog and disconnects it, while a client that reads receives every pixel.
 */
class SlowClientTest {

    /** 9 MB of canvas, 12 MB as base64: more than the kernel's socket buffers take, so the stream stalls. */
    private static final int SIDE = 3000;
    private static final int BACKLOG = 16 * 1024;
    private static final int PIXELS = 1000;

    private Node node;
    private ApiServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
        node.close();
    }

    /** Opens a WebSocket by hand, then never reads a byte of what the node sends. */
    private Socket neverReading(int port) throws Exception {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void aClientThatNeverReadsIsCutOffAtItsBacklogWhileAReaderGetsEveryPixel() throws Exception {
        node = LoneNode.started(SIDE, SIDE, 0);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0,
                ServerOptions.defaults().withClientBacklogBytes(BACKLOG));
        server.start();

        WebSocketFrames reader = new WebSocketFrames();
        WebSocket readerSocket = WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws", reader);
        JsonNode canvas = reader.next("canvas");
        assertEquals(SIDE, canvas.get("width").asInt());
        neverReading(server.port());
        Await.until("both clients joined", Duration.ofSeconds(10), () -> server.traffic().clients() == 2);

        List<CompletableFuture<?>> placed = new ArrayList<>();
        for (int i = 0; i < PIXELS; i++) {
            placed.add(node.place("painter-" + i, i, 1, Color.of("#FF4500")));
        }
        CompletableFuture.allOf(placed.toArray(CompletableFuture[]::new)).join();

        Await.until("the client that never reads is cut off", Duration.ofSeconds(20),
            () -> server.traffic().clients() == 1);
        assertEquals(-1, reader.closeCode(), "the reader is still connected");
        assertEquals(1, server.traffic().slowDisconnects());
        int received = 0;
        while (received < PIXELS) {
            received += reader.next("pixels").get("events").size();
        }
        assertEquals(PIXELS, received, "the reader gets every pixel, once");
        readerSocket.abort();
    }
}
