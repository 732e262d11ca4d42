package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.model.Color;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP and WebSocket API of a one-node cluster, over real loopback sockets. */
class ApiServerTest {

    private Node node;
    private ApiServer server;
    private TestHttp http;
    private String base;

    @BeforeEach
    void start() throws Exception {
        node = LoneNode.started(20, 10, 60_000);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, new ServerOptions(4096, 4096, 20));
        server.start();
        base = "http://127.0.0.1:" + server.port();
        http = TestHttp.withCookies();
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.get(base + path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.post(base + path, body);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Responses.JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response).path("error").path("code").asText(), response.body());
        assertTrue(json(response).path("error").path("message").asText().length() > 3, "a readable message");
    }

    @Test
    void describesTheCanvas() throws Exception {
        JsonNode info = json(get("/api/v1/canvas/info"));
        assertEquals(20, info.get("width").asInt());
        assertEquals(10, info.get("height").asInt());
        assertEquals(32, info.get("palette").size());
        assertEquals("#FF4500", info.get("palette").get(2).asText());
        assertEquals(60, info.get("cooldownSeconds").asInt());
    }

    @Test
    void aPlacedPixelShowsInEveryReadAndTheCooldownFollowsTheSession() throws Exception {
        get("/");
        HttpResponse<String> placed = post("/pixel", "{\"x\":5,\"y\":3,\"color\":\"#FF4500\"}");
        assertEquals(200, placed.statusCode(), placed.body());
        assertEquals("committed", json(placed).get("status").asText());
        JsonNode canvas = json(get("/canvas"));
        assertEquals("#FF4500", canvas.path("pixels").path("5,3").asText());
        assertEquals(1, canvas.path("pixels").size(), "only painted pixels are listed");
        assertEquals(1, canvas.path("version").path("1").asInt());
        byte[] bytes = http.getBytes(base + "/api/v1/canvas").body();
        assertEquals(200, bytes.length);
        assertEquals(2, bytes[3 * 20 + 5]);
        HttpResponse<String> again = post("/pixel", "{\"x\":6,\"y\":3,\"color\":\"#000000\"}");
        assertError(again, 429, "COOLDOWN");
        assertTrue(json(again).path("error").path("remainingSeconds").asInt() > 50, again.body());
    }

    /** Caches in front of the servers (nginx, a CDN) revalidate the canvas: 304 while it shows the same state. */
    @Test
    void theCanvasIsTaggedWithItsStateForCachesAndRevalidatesWithA304() throws Exception {
        HttpResponse<byte[]> first = http.getBytes(base + "/api/v1/canvas");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("public, max-age=1, stale-while-revalidate=2",
            first.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<byte[]> same = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
            + "/api/v1/canvas")).header("If-None-Match", etag), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(etag, same.headers().firstValue("ETag").orElseThrow());
        String json = get("/canvas").headers().firstValue("ETag").orElseThrow();
        assertTrue(!json.equals(etag), "each encoding has a tag of its own");

        get("/");
        assertEquals(200, post("/pixel", "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}").statusCode());
        Await.until("the canvas to change", java.time.Duration.ofSeconds(5), () -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/canvas"))
                    .header("If-None-Match", etag), HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** The bot: made-up sessions each dodged the cooldown. Now they are refused and change nothing. */
    @Test
    void madeUpOrAlteredSessionsAreRefusedAndPlaceNothing() throws Exception {
        TestHttp bot = new TestHttp();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = bot.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/pixel")).header("Cookie", "dp_session=guest-" + String.format("%016x", i))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"x\":" + i + ",\"y\":0,\"color\":"
                    + "\"#FF4500\"}")));
            assertError(refused, 401, "BAD_SESSION");
            assertTrue(refused.headers().firstValue("set-cookie").orElse("").startsWith("dp_session=g1."),
                "a real session is offered");
        }
        HttpResponse<String> page = get("/");
        String real = page.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        String altered = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");
        assertError(bot.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/pixel"))
            .header("Cookie", altered).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"x\":5,\"y\":5,\"color\":\"#FF4500\"}"))), 401, "BAD_SESSION");
        byte[] canvas = http.getBytes(base + "/api/v1/canvas").body();
        for (byte pixel : canvas) {
            assertEquals(node.config().palette().backgroundIndex(), pixel, "nothing was painted");
        }
    }

    /** One machine cannot hold thousands of sockets on a node: past the limit, 429 and closed. */
    @Test
    void connectionsPastTheLimitPerAddressAreRefusedAndTheSlotComesBackWhenOneCloses() throws Exception {
        try (ApiServer limited = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0,
                ServerOptions.defaults().withMaxConnectionsPerAddress(3))) {
            limited.start();
            java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(new java.net.Socket("127.0.0.1", limited.port()));
                }
                try (java.net.Socket fourth = new java.net.Socket("127.0.0.1", limited.port())) {
                    fourth.setSoTimeout(5_000);
                    String answer = new String(fourth.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(answer.startsWith("HTTP/1.1 429"), answer);
                    assertTrue(answer.contains("TOO_MANY_CONNECTIONS"), answer);
                }
                held.remove(0).close();
                String url = "http://127.0.0.1:" + limited.port() + "/api/v1/canvas/info";
                Await.until("a slot free again", Duration.ofSeconds(10), () -> {
                    try {
                        return new TestHttp().get(url).statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
            } finally {
                for (java.net.Socket socket : held) {
                    socket.close();
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.defaults()
            .withMaxConnectionsPerAddress(0));
    }

    /** Slow or silent clients do not hold sockets for ever: a connection heard nothing on for the idle time closes. */
    @Test
    void silentConnectionsAndWebSocketsAreClosedAfterTheIdleTime() throws Exception {
        try (ApiServer impatient = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0,
                ServerOptions.defaults().withIdleSeconds(1))) {
            impatient.start();
            try (java.net.Socket silent = new java.net.Socket("127.0.0.1", impatient.port())) {
                silent.setSoTimeout(10_000);
                assertEquals(-1, silent.getInputStream().read(), "closed by the node, not timed out here");
            }
            WebSocketFrames quiet = new WebSocketFrames();
            WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + impatient.port() + "/ws", quiet);
            quiet.next("canvas");
            Await.until("the idle player's socket closed", Duration.ofSeconds(10), () -> quiet.closeCode() == 1001);
            socket.abort();
        }
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.defaults().withIdleSeconds(0));
    }

    @Test
    void aWebSocketWithAMadeUpSessionPlacesNothing() throws Exception {
        WebSocketFrames mallory = new WebSocketFrames();
        WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws",
            "dp_session=guest-0123456789abcdef", mallory);
        mallory.next("canvas");
        socket.sendText("{\"type\":\"place\",\"x\":1,\"y\":1,\"color\":\"#FF4500\",\"requestId\":7}", true)
            .join();
        JsonNode error = mallory.next("error");
        assertEquals("BAD_SESSION", error.path("code").asText(), error.toString());
        assertEquals(7, error.path("requestId").asInt());
        assertEquals(node.config().palette().backgroundIndex(), http.getBytes(base + "/api/v1/canvas").body()[21]);
        socket.abort();
    }

    @Test
    void aBrowserSessionStartsWithThePageAndKeepsItsCooldownAcrossRequests() throws Exception {
        HttpResponse<String> page = get("/");
        assertTrue(page.headers().firstValue("set-cookie").orElse("").startsWith("dp_session=g1."),
            page.headers().toString());
        HttpResponse<String> placed = post("/pixel", "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}");
        assertTrue(json(placed).get("user").asText().startsWith("guest-"), placed.body());
        assertTrue(placed.headers().firstValue("set-cookie").isEmpty(), "no new session with a placement");
        assertError(post("/pixel", "{\"x\":2,\"y\":1,\"color\":\"#FF4500\"}"), 429, "COOLDOWN");
        HttpResponse<String> script = new TestHttp().post(base + "/pixel", "{\"x\":3,\"y\":1,\"color\":\"#FF4500\"}");
        assertEquals("addr-127.0.0.1", json(script).get("user").asText(), "a client without cookies is its address");
    }

    @Test
    void reportsTheCluster() throws Exception {
        JsonNode cluster = json(get("/api/v1/cluster"));
        assertEquals(1, cluster.get("nodeId").asInt());
        assertEquals("LEADER", cluster.get("role").asText());
        assertEquals(1, cluster.get("leaderId").asInt());
        assertTrue(cluster.get("epoch").asLong() >= 1);
        assertEquals(0, cluster.get("committedWrites").asInt());
        assertEquals(16, cluster.get("stateHash").asText().length());
        assertEquals("[0]", cluster.get("shards").toString(), "the one shard it holds");
        JsonNode map = json(get("/api/v1/shards"));
        assertEquals(cluster.get("configVersion").asLong(), map.get("mapVersion").asLong());
        JsonNode whole = map.get("shards").get(0);
        assertEquals(1, map.get("shards").size(), "one shard: the whole canvas " + map);
        assertEquals(List.of(0, 0, cluster.path("canvas").path("width").asInt(),
            cluster.path("canvas").path("height").asInt()), List.of(whole.get("x").asInt(), whole.get("y").asInt(),
            whole.get("width").asInt(), whole.get("height").asInt()));
        assertEquals("[1]", whole.get("replicas").toString());
        assertEquals(1, whole.get("leader").asInt());
        assertEquals(cluster.get("epoch").asLong(), whole.get("epoch").asLong());
        assertEquals(0, whole.get("committedWrites").asLong());
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() throws Exception {
        assertError(post("/pixel", "{not json"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "[1,2,3]"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "{\"x\":\"5\",\"y\":3,\"color\":\"#FF4500\"}"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "{\"x\":5.5,\"y\":3,\"color\":\"#FF4500\"}"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "{\"x\":99999999999,\"y\":3,\"color\":\"#FF4500\"}"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "{\"x\":20,\"y\":3,\"color\":\"#FF4500\"}"), 400, "OUT_OF_BOUNDS");
        assertError(post("/pixel", "{\"x\":-1,\"y\":3,\"color\":\"#FF4500\"}"), 400, "OUT_OF_BOUNDS");
        assertError(post("/pixel", "{\"x\":1,\"y\":3,\"color\":\"#123456\"}"), 400, "BAD_COLOR");
        assertError(post("/pixel", "{\"x\":1,\"y\":3,\"color\":\"orange\"}"), 400, "BAD_COLOR");
        assertError(post("/pixel", "{\"a\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}"), 413, "TOO_LARGE");
        assertError(post("/pixel", "{\"a\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}"), 400, "BAD_REQUEST");
        assertError(post("/pixel", "x".repeat(5_000)), 413, "TOO_LARGE");
        // curl sends Expect: 100-continue before a large body: the refusal comes before it, and is JSON too.
        String answer = TestHttp.answerToOversizedPost(server.port());
        assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("\"code\":\"TOO_LARGE\""), answer);
        assertError(get("/nothing-here"), 404, "NOT_FOUND");
        assertError(get("/../../etc/passwd"), 404, "NOT_FOUND");
        assertError(get("/pixel"), 405, "METHOD_NOT_ALLOWED");
        assertError(http.send(HttpRequest.newBuilder(URI.create(base + "/canvas")).DELETE()), 405,
            "METHOD_NOT_ALLOWED");
        assertEquals(0, json(get("/api/v1/cluster")).get("committedWrites").asInt(), "nothing changed");
        assertEquals(200, get("/").statusCode(), "and the node still serves");
    }

    private WebSocket connect(WebSocketFrames frames) {
        return WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws", frames);
    }

    @Test
    void webSocketClientsGetWelcomeCanvasAndEachOthersPixels() throws Exception {
        WebSocketFrames alice = new WebSocketFrames();
        WebSocketFrames bob = new WebSocketFrames();
        WebSocket aliceSocket = connect(alice);
        WebSocket bobSocket = connect(bob);
        JsonNode welcome = alice.received.poll(10, TimeUnit.SECONDS);
        assertEquals("welcome", welcome.get("type").asText(), "welcome comes first");
        assertEquals(20, welcome.path("canvasInfo").path("width").asInt());
        JsonNode canvas = alice.received.poll(10, TimeUnit.SECONDS);
        assertEquals("canvas", canvas.get("type").asText(), "then the canvas");
        assertEquals(200, Base64.getDecoder().decode(canvas.get("data").asText()).length);
        bob.next("canvas");

        aliceSocket.sendText("{\"type\":\"place\",\"x\":2,\"y\":1,\"color\":\"#000000\",\"requestId\":\"r1\"}", true);
        JsonNode success = alice.next("success");
        assertEquals("r1", success.get("requestId").asText());
        assertTrue(success.get("nextPlacement").asLong() > 0);
        long remaining = success.path("remainingMs").asLong(-1);
        assertTrue(remaining > 50_000 && remaining <= 60_000, "the minute's cooldown, counted here: " + success);
        JsonNode pixels = bob.next("pixels");
        assertEquals(List.of("2,1,#000000"), List.of(pixels.get("events").get(0).get("x").asInt() + ","
            + pixels.get("events").get(0).get("y").asInt() + "," + pixels.get("events").get(0).get("color").asText()));

        aliceSocket.sendText("{\"type\":\"place\",\"x\":3,\"y\":1,\"color\":\"#000000\",\"requestId\":7}", true);
        JsonNode cooldown = alice.next("error");
        assertEquals("COOLDOWN", cooldown.get("code").asText());
        assertEquals(7, cooldown.get("requestId").asInt());
        assertTrue(cooldown.get("remainingSeconds").asInt() > 50);

        bobSocket.sendText("{\"type\":\"ping\"}", true);
        bob.next("pong");
        bobSocket.sendText("garbage", true);
        assertEquals("BAD_REQUEST", bob.next("error").get("code").asText());
        bobSocket.sendText("{\"type\":\"place\",\"x\":\"a\"}", true);
        assertEquals("BAD_REQUEST", bob.next("error").get("code").asText());
        bobSocket.sendText("{\"type\":\"place\",\"x\":1,\"y\":1,\"color\":\"#ABCDEF\",\"requestId\":1}", true);
        assertEquals("BAD_COLOR", bob.next("error").get("code").asText());
        bobSocket.sendText("{\"type\":\"ping\"}", true);
        bob.next("pong");
        aliceSocket.abort();
        assertEquals(1, json(get("/api/v1/cluster")).get("committedWrites").asInt());
    }

    @Test
    void anOversizedWebSocketFrameClosesOnlyThatClient() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = connect(frames);
        frames.next("canvas");
        socket.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}", true);
        Await.until("the oversized client to be closed", Duration.ofSeconds(10), socket::isInputClosed);
        WebSocketFrames other = new WebSocketFrames();
        connect(other);
        other.next("canvas");
    }

    /** Reads come from the node's published view: a node whose thread is stuck still serves its canvas. */
    @Test
    void canvasReadsAreAnsweredWhileTheNodesThreadIsBusy() throws Exception {
        assertEquals(200, post("/pixel", "{\"x\":5,\"y\":3,\"color\":\"#FF4500\"}").statusCode());
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        node.addPixelListener((write, changed) -> {
            if (write.x() == 7) {
                busy.countDown();
                // Holds the node's thread, as a long protocol step would.
                awaitQuietly(release);
            }
        });
        try {
            node.place("someone-else", 7, 3, Color.of("#000000"));
            assertTrue(busy.await(10, TimeUnit.SECONDS), "the node's thread is held");
            JsonNode canvas = json(get("/canvas"));
            assertEquals("#FF4500", canvas.path("pixels").path("5,3").asText());
            assertEquals("#000000", canvas.path("pixels").path("7,3").asText(), "published before it is told");
            byte[] bytes = http.getBytes(base + "/api/v1/canvas").body();
            assertEquals(2, bytes[3 * 20 + 5]);
            WebSocketFrames frames = new WebSocketFrames();
            connect(frames);
            // The placement above had no session cookie yet, so it was this address's, as the socket's is.
            assertTrue(frames.next("welcome").get("cooldownRemaining").asInt() > 50, "the address placed just now");
            assertEquals(200, Base64.getDecoder().decode(frames.next("canvas").get("data").asText()).length);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
