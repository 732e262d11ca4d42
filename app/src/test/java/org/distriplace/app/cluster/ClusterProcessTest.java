package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.distriplace.app.testing.TestCluster.leads;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Three nodes as separate processes on loopback, with fast timings: writes through any node, kill -9 of the
 * leader and of a follower, restarts on the same data directory, a node with the wrong secret, a lone node, and
 * hostile bytes at every port.
 */
class ClusterProcessTest extends ProcessClusterTest {

    private static final String SECRET = "process-test-secret";
    private static final String[] COLORS = {"#FF4500", "#000000", "#2450A4", "#7EED56"};


    private List<NodeProcess> cluster(String... secrets) throws IOException {
        nodes.addAll(TestCluster.of(dir, 0, secrets.length == 0 ? new String[] {SECRET} : secrets));
        return nodes;
    }

    /** Every node answers with the same state hash and at least {@code writes} committed writes. */
    private static boolean sameState(List<NodeProcess> group, long writes) {
        List<JsonNode> views = group.stream().map(NodeProcess::cluster).toList();
        return views.stream().allMatch(v -> v != null && v.path("committedWrites").asLong() >= writes)
            && views.stream().map(v -> v.path("stateHash").asText() + v.path("committedWrites")).distinct()
            .count() == 1;
    }

    /** Every acknowledged write is on the node (each test write has a pixel of its own, or overwrites its own). */
    private static void assertHoldsAll(Map<String, String> acknowledged, NodeProcess node) throws Exception {
        Map<String, String> pixels = pixels(node);
        acknowledged.forEach((pixel, color) -> assertEquals(color, pixels.get(pixel), node + " at " + pixel));
    }

    private static Map<String, String> pixels(NodeProcess node) throws Exception {
        JsonNode canvas = NodeProcess.JSON.readTree(node.get("/canvas").body()).path("pixels");
        Map<String, String> pixels = new LinkedHashMap<>();
        canvas.fields().forEachRemaining(e -> pixels.put(e.getKey(), e.getValue().asText()));
        return pixels;
    }

    /** Places pixel i at (i % 100, i / 100) through {@code node}; returns the expected entry. */
    private static Map.Entry<String, String> write(NodeProcess node, int i) throws Exception {
        String color = COLORS[i % COLORS.length];
        HttpResponse<String> response = node.place(i % 100, i / 100, color);
        assertEquals(200, response.statusCode(), node + ": " + response.body());
        return Map.entry((i % 100) + "," + (i / 100), color);
    }

    @Test
    void survivesLosingTheLeaderAndAFollowerAndLosesNothing() throws Exception {
        List<NodeProcess> all = cluster();
        for (NodeProcess node : all) {
            node.start();
        }
        NodeProcess one = all.get(0);
        NodeProcess two = all.get(1);
        NodeProcess three = all.get(2);
        Await.until("node 3 to lead", Duration.ofSeconds(30), () -> leads(three, List.of(one, two)));

        Map<String, String> acknowledged = new LinkedHashMap<>();
        int next = 0;
        for (; next < 30; next++) {
            acknowledged.put(write(all.get(next % 3), next).getKey(), COLORS[next % COLORS.length]);
        }
        Await.until("every node to hold 30 writes", Duration.ofSeconds(20), () -> sameState(all, 30));
        assertHoldsAll(acknowledged, one);

        three.kill9();
        Await.until("node 2 to lead", Duration.ofSeconds(30), () -> leads(two, List.of(one)));
        for (; next < 60; next++) {
            acknowledged.put(write(next % 2 == 0 ? one : two, next).getKey(), COLORS[next % COLORS.length]);
        }

        three.start();
        Await.until("the returning highest id to take the lead back", Duration.ofSeconds(30),
            () -> leads(three, List.of(one, two)));

        one.kill9();
        for (; next < 90; next++) {
            acknowledged.put(write(next % 2 == 0 ? two : three, next).getKey(), COLORS[next % COLORS.length]);
        }
        one.start();
        Await.until("node 1 to rejoin", Duration.ofSeconds(30), () -> leads(three, List.of(one, two)));
        Await.until("every replica to converge", Duration.ofSeconds(30), () -> sameState(all, 90));
        for (NodeProcess node : all) {
            assertHoldsAll(acknowledged, node);
        }

        two.kill9();
        three.kill9();
        HttpResponse<String> refused = one.place(99, 99, "#000000");
        assertEquals(503, refused.statusCode(), "alone of three, node 1 cannot commit: " + refused.body());
        assertTrue(refused.body().contains("NO_QUORUM"), refused.body());
        assertHoldsAll(acknowledged, one);
        three.start();
        Await.until("node 3 back in the lead", Duration.ofSeconds(30), () -> leads(three, List.of(one)));
        assertEquals(143, three.terminate(), "a JVM ended by SIGTERM exits 128 + 15, after its shutdown hook");
        assertTrue(Files.readString(dir.resolve("data-3").resolve("node.log")).contains("node 3 stopped"));
    }

    @Test
    void aNodeWithTheWrongSecretNeverJoinsAndNoneOfItsWritesAppear() throws Exception {
        List<NodeProcess> all = cluster(SECRET, SECRET, "not-the-secret");
        for (NodeProcess node : all) {
            node.start();
        }
        NodeProcess one = all.get(0);
        NodeProcess two = all.get(1);
        NodeProcess impostor = all.get(2);
        Await.until("node 2 to lead the real pair", Duration.ofSeconds(30), () -> leads(two, List.of(one)));
        write(one, 0);
        HttpResponse<String> refused = impostor.place(5, 5, "#000000");
        assertEquals(503, refused.statusCode(), refused.body());
        Await.until("the pair to agree", Duration.ofSeconds(20), () -> sameState(List.of(one, two), 1));
        assertEquals(Map.of("0,0", "#FF4500"), pixels(two), "nothing from the impostor");
        assertEquals("DEAD", one.cluster().path("peers").get(1).path("status").asText(), "node 3 never joined");
        assertTrue(Files.readString(dir.resolve("data-1").resolve("node.log")).contains("refused peer connection"));
    }

    @Test
    void hostileBytesAtEveryPortLeaveTheNodeRunning() throws Exception {
        NodeProcess lone = cluster().get(0).start();
        Await.until("node 1 to serve", Duration.ofSeconds(30), () -> lone.cluster() != null);
        Random random = new Random(3);
        for (int port : new int[] {lone.httpPort, lone.peerPort}) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    byte[] junk = new byte[1 + random.nextInt(4_000)];
                    random.nextBytes(junk);
                    OutputStream out = socket.getOutputStream();
                    out.write(junk);
                    out.flush();
                    socket.shutdownOutput();
                    InputStream in = socket.getInputStream();
                    in.readAllBytes();
                } catch (IOException expected) {
                    // The node may reset the connection; that is a fine answer to garbage.
                }
            }
        }
        HttpResponse<String> upgrade = lone.get("/ws");
        assertTrue(upgrade.statusCode() >= 400, "a plain GET on /ws is not a WebSocket: " + upgrade.statusCode());
        assertEquals(200, lone.get("/canvas").statusCode(), "the node still serves reads");
        HttpResponse<String> refused = lone.place(1, 1, "#000000");
        assertEquals(503, refused.statusCode(), "a lone node of three refuses writes: " + refused.body());
        assertTrue(lone.isAlive());
    }
}
