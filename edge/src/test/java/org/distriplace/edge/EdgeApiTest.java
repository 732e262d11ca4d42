package org.distriplace.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two edges of one canvas: what a player does on one, every client of the other sees, and the rules hold on both. */
class EdgeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SharedStack stack;
    private static TwoEdges edges;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @BeforeAll
    static void start() throws Exception {
        edges = new TwoEdges(stack, SharedStack.namespace("api"), 40, 30, 60_000);
        Await.until("both edges ready", Duration.ofSeconds(30), () -> ready(edges.first) && ready(edges.second));
    }

    @AfterAll
    static void stop() {
        if (edges != null) {
            edges.close();
        }
    }

    private static boolean ready(EdgeServer edge) {
        JsonNode body = new TestHttp().jsonOrNull(TwoEdges.base(edge) + "/readyz");
        return body != null && body.path("ready").asBoolean();
    }

    private static String pixel(EdgeServer edge, String key) {
        JsonNode canvas = new TestHttp().jsonOrNull(TwoEdges.base(edge) + "/canvas");
        return canvas == null ? null : canvas.path("pixels").path(key).asText();
    }

    @Test
    void aPlacementOnOneEdgeReachesTheClientsOfTheOtherAndTheCooldownHoldsOnBoth() throws Exception {
        TestHttp player = TestHttp.withCookies();
        player.get(TwoEdges.base(edges.first) + "/");
        String cookie = player.cookie("dp_session");
        WebSocketFrames watcher = new WebSocketFrames();
        WebSocketFrames.connect("ws://127.0.0.1:" + edges.second.port() + "/ws", watcher);
        watcher.next("welcome");

        HttpResponse<String> placed = player.post(TwoEdges.base(edges.first) + "/pixel",
            "{\"x\":7,\"y\":21,\"color\":\"#FF4500\"}");
        assertEquals(200, placed.statusCode(), placed.body());
        assertEquals("committed", JSON.readTree(placed.body()).path("status").asText());

        JsonNode pixels = watcher.next("pixels");
        assertEquals(7, pixels.path("events").get(0).path("x").asInt(), pixels.toString());
        assertEquals("#FF4500", pixels.path("events").get(0).path("color").asText());
        Await.until("the second edge's canvas shows it", Duration.ofSeconds(5), () -> "#FF4500".equals(
            pixel(edges.second, "7,21")));

        // The same session on the other edge: one cooldown, kept in Redis for every edge.
        TestHttp moved = TestHttp.withCookies();
        HttpResponse<String> again = moved.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            TwoEdges.base(edges.second) + "/pixel")).header("Cookie", "dp_session=" + cookie)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"x\":8,\"y\":21,\"color\":\"#000000\"}")));
        assertEquals(429, again.statusCode(), again.body());
        JsonNode error = JSON.readTree(again.body()).path("error");
        assertEquals("COOLDOWN", error.path("code").asText());
        assertTrue(error.path("remainingSeconds").asInt() > 50, again.body());
    }

    /** Bad input gets a clear error and changes nothing, on an edge as on a node. */
    @Test
    void badInputIsRefusedSayingWhyAndChangesNothing() throws Exception {
        TestHttp player = TestHttp.withCookies();
        String base = TwoEdges.base(edges.first);
        player.get(base + "/");
        byte[] before = player.getBytes(base + "/api/v1/canvas").body();
        long writes = edges.first.engine().view().committedWrites();
        String[][] cases = {
            {"{\"x\":1,", "400", "BAD_REQUEST"},
            {"{\"x\":40,\"y\":0,\"color\":\"#FF4500\"}", "400", "OUT_OF_BOUNDS"},
            {"{\"x\":-1,\"y\":0,\"color\":\"#FF4500\"}", "400", "OUT_OF_BOUNDS"},
            {"{\"x\":1,\"y\":1,\"color\":\"#123456\"}", "400", "BAD_COLOR"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> refused = player.post(base + "/pixel", bad[0]);
            assertEquals(Integer.parseInt(bad[1]), refused.statusCode(), bad[0] + " -> " + refused.body());
            assertEquals(bad[2], JSON.readTree(refused.body()).path("error").path("code").asText(), refused.body());
        }
        // A body over the limit is refused before it is read (and the connection closed): as curl sends it.
        String answer = TestHttp.answerToOversizedPost(edges.first.port());
        assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("\"code\":\"TOO_LARGE\""), answer);
        HttpResponse<String> forged = new TestHttp().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            base + "/pixel")).header("Cookie", "dp_session=g1.forged.session")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}")));
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals("BAD_SESSION", JSON.readTree(forged.body()).path("error").path("code").asText());

        assertEquals(writes, edges.first.engine().view().committedWrites(), "nothing was placed");
        assertArrayEquals(before, player.getBytes(base + "/api/v1/canvas").body());
        HttpResponse<String> fine = player.post(base + "/pixel", "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}");
        assertEquals(200, fine.statusCode(), "the refusals cost the player no cooldown: " + fine.body());
    }

    @Test
    void bothEdgesSayTheyAreEdgesAndReady() throws Exception {
        JsonNode cluster = new TestHttp().jsonOrNull(TwoEdges.base(edges.second) + "/api/v1/cluster");
        assertEquals("edge", cluster.path("engine").asText(), cluster.toString());
        assertTrue(cluster.path("ready").asBoolean(), cluster.toString());
        assertEquals(40, cluster.path("canvas").path("width").asInt());
        assertTrue(cluster.path("backends").path("kafka").path("answering").asBoolean(), cluster.toString());
        assertTrue(edges.first.engine().id() != edges.second.engine().id(), "each edge has a number of its own");
        JsonNode map = new TestHttp().jsonOrNull(TwoEdges.base(edges.second) + "/api/v1/shards");
        assertEquals(1, map.path("shards").size(), "an edge's canvas is one shard: " + map);
        assertEquals(40, map.path("shards").get(0).path("width").asInt());
        assertTrue(map.path("shards").get(0).path("leader").isNull(), "no leader among peers: " + map);
    }
}
