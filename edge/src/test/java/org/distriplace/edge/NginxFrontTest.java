package org.distriplace.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.distriplace.edge.stack.NginxFront;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's nginx in front of two edges, as docs/internet-scale.md shows: players paint and watch through it, the
 * canvas is answered from its cache, and the per-address limits still see each player behind it.
 */
class NginxFrontTest {

    private static SharedStack stack;
    private static TwoEdges edges;
    private static NginxFront nginx;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(NginxFront.installed(), "nginx is not installed (apt-get install nginx)");
        // One placement a second per address (two in a burst): low, so the test reaches it.
        edges = new TwoEdges(stack, SharedStack.namespace("nginx"), 32, 32, 0, ServerOptions.defaults()
            .withTrustedProxies(Set.of("127.0.0.1")).withPlacementsPerSecond(1));
        nginx = NginxFront.inFrontOf(List.of(edges.first.port(), edges.second.port()),
            Path.of("target", "nginx-" + ProcessHandle.current().pid()));
        Await.until("the edges ready behind nginx", Duration.ofSeconds(30), () -> {
            JsonNode ready = new TestHttp().jsonOrNull(nginx.url("/readyz"));
            return ready != null && ready.path("ready").asBoolean();
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (edges != null) {
            edges.close();
        }
    }

    @Test
    void playersPaintAndWatchThroughNginxAndTheCanvasComesFromItsCache() throws Exception {
        WebSocketFrames watcher = new WebSocketFrames();
        WebSocketFrames.connect("ws://127.0.0.1:" + nginx.port + "/ws", watcher);
        watcher.next("welcome");
        TestHttp http = TestHttp.withCookies();
        http.get(nginx.url("/"));
        HttpResponse<String> placed = http.post(nginx.url("/pixel"), "{\"x\":3,\"y\":4,\"color\":\"#FF4500\"}");
        assertEquals(200, placed.statusCode(), placed.body());
        assertEquals(3, watcher.next("pixels").path("events").get(0).path("x").asInt(), "upgraded through nginx");

        Await.until("the canvas cached", Duration.ofSeconds(10), () -> "HIT".equals(cacheStatus()));
        HttpResponse<byte[]> cached = http.getBytes(nginx.url("/api/v1/canvas"));
        assertEquals(32 * 32, cached.body().length);
        assertTrue(cached.headers().firstValue("ETag").isPresent(), "the edge's tag passes through");

        assertEquals(200, http.post(nginx.url("/pixel"), "{\"x\":5,\"y\":4,\"color\":\"#FF4500\"}").statusCode());
        Await.until("the cache to revalidate and show the new pixel", Duration.ofSeconds(10), () -> {
            try {
                byte[] canvas = http.getBytes(nginx.url("/api/v1/canvas")).body();
                return canvas.length == 32 * 32 && canvas[4 * 32 + 5] == canvas[4 * 32 + 3];
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    private static String cacheStatus() {
        try {
            return new TestHttp().getBytes(nginx.url("/api/v1/canvas")).headers().firstValue("X-Cache").orElse("");
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    @Test
    void theLimitsPerAddressSeeEachPlayerBehindNginxAndNoClientCanPassForAnother() throws Exception {
        // Player A (127.0.0.4; nginx itself is 127.0.0.1) spends its placements, claiming to be someone else: nginx appends its real address.
        // Each edge keeps its own budget per address (two in a burst), and nginx alternates: six spend both.
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = postFrom("127.0.0.4", "X-Forwarded-For: 198.51.100." + i + "\r\n", 10 + i);
        }
        assertEquals(429, last, "a forged X-Forwarded-For does not give a client a fresh budget");
        // Player B (127.0.0.2), behind the same nginx, has its own.
        assertEquals(200, postFrom("127.0.0.2", "", 20));
        assertNotEquals(429, postFrom("127.0.0.3", "", 21));
    }

    /** POSTs a placement to nginx from {@code local} (a loopback address), with no session; its status. */
    private static int postFrom(String local, String extraHeaders, int x) throws IOException {
        String body = "{\"x\":" + x + ",\"y\":1,\"color\":\"#000000\"}";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", nginx.port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /pixel HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
