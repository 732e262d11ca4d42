package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.protocol.shard.ShardMoves;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Six nodes as processes on loopback with the 100x100 canvas cut into 3x2 shards of three replicas (ADR 0017):
 * every shard led, placements through any node on every node, a node killed, then a second sharing a shard with
 * it, then both back, then a seventh node joins and shards move to it; every acknowledged placement checked on every
 * node at the end.
 */
class ShardProcessTest extends ProcessClusterTest {

    private static final String[] COLORS = {"#FF4500", "#000000", "#2450A4", "#7EED56"};
    private static final List<Integer> SEVEN = List.of(1, 2, 3, 4, 5, 6, 7);

    private final Map<String, String> acknowledged = new LinkedHashMap<>();
    private int next;

    private static JsonNode shards(NodeProcess node) {
        try {
            HttpResponse<String> response = node.get("/api/v1/shards");
            return response.statusCode() == 200 ? NodeProcess.JSON.readTree(response.body()) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** Every live node answers with the same map, each shard with a live leader among its replicas. */
    private boolean everyShardLed(List<NodeProcess> live) {
        List<String> maps = new ArrayList<>();
        for (NodeProcess node : live) {
            JsonNode map = shards(node);
            if (map == null) {
                return false;
            }
            for (JsonNode shard : map.path("shards")) {
                int leader = shard.path("leader").asInt(0);
                if (leader == 0 || live.stream().noneMatch(n -> n.id == leader)) {
                    return false;
                }
            }
            maps.add(map.path("shards").findValues("replicas").toString());
        }
        return maps.stream().distinct().count() == 1;
    }

    /** Places one pixel in {@code shard} through {@code node} (a pixel of its own); returns the answer. */
    private HttpResponse<String> placeIn(NodeProcess node, JsonNode shard) throws Exception {
        int x = shard.path("x").asInt() + next % shard.path("width").asInt();
        int y = shard.path("y").asInt() + next / shard.path("width").asInt();
        String color = COLORS[next % COLORS.length];
        next++;
        HttpResponse<String> response = node.place(x, y, color);
        if (response.statusCode() == 200) {
            acknowledged.put(x + "," + y, color);
        }
        return response;
    }

    private void assertHoldsAll(NodeProcess node) throws Exception {
        JsonNode canvas = NodeProcess.JSON.readTree(node.get("/canvas").body()).path("pixels");
        acknowledged.forEach((pixel, color) -> assertEquals(color, canvas.path(pixel).asText(), node + " " + pixel));
    }

    @Test
    void paintsLikeOneShardSurvivesTheKillsAndLosesNothing() throws Exception {
        nodes.addAll(TestCluster.of(6, dir, 0, "shard-secret"));
        for (NodeProcess node : nodes) {
            node.set("--shards", "3x2").set("--replicas", "3").start();
        }
        Await.until("every shard to have a leader", Duration.ofSeconds(60), () -> everyShardLed(nodes));
        JsonNode map = shards(nodes.get(0));
        assertEquals(6, map.path("shards").size());
        for (JsonNode shard : map.path("shards")) {
            assertEquals(3, new HashSet<>(shardReplicas(shard)).size(), "shard " + shard.path("id")
                + ": three distinct replicas");
        }
        JsonNode cluster = nodes.get(0).cluster();
        assertTrue(cluster.path("shards").isArray(), cluster.toString());

        for (NodeProcess through : nodes) {
            for (JsonNode shard : map.path("shards")) {
                HttpResponse<String> placed = placeIn(through, shard);
                assertEquals(200, placed.statusCode(), through + ": " + placed.body());
            }
        }
        Await.until("every node to show every placement", Duration.ofSeconds(30), () -> nodes.stream()
            .allMatch(this::holdsAllQuietly));

        JsonNode victim = map.path("shards").get(0);
        List<Integer> replicas = shardReplicas(victim);
        NodeProcess first = node(replicas.get(0));
        NodeProcess second = node(replicas.get(1));
        first.kill9();
        List<NodeProcess> live = nodes.stream().filter(n -> n != first).toList();
        Await.until("every shard to be led again", Duration.ofSeconds(30), () -> everyShardLed(live));
        for (JsonNode shard : map.path("shards")) {
            HttpResponse<String> placed = placeIn(live.get(next % live.size()), shard);
            assertEquals(200, placed.statusCode(), "with one node down, shard " + shard.path("id") + ": "
                + placed.body());
        }

        second.kill9();
        List<NodeProcess> four = live.stream().filter(n -> n != second).toList();
        Set<Integer> lost = new HashSet<>();
        for (JsonNode shard : map.path("shards")) {
            List<Integer> its = shardReplicas(shard);
            if (its.contains(first.id) && its.contains(second.id)) {
                lost.add(shard.path("id").asInt());
            }
        }
        assertTrue(lost.contains(victim.path("id").asInt()));
        Await.until("the shards that kept a majority to be led", Duration.ofSeconds(30), () -> four.stream()
            .allMatch(n -> ledWhereAMajorityLives(n, lost)));
        for (JsonNode shard : map.path("shards")) {
            NodeProcess through = four.get(next % four.size());
            if (lost.contains(shard.path("id").asInt())) {
                HttpResponse<String> refused = awaitRefusal(through, shard);
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("NO_QUORUM"), refused.body());
            } else {
                HttpResponse<String> placed = placeIn(through, shard);
                assertEquals(200, placed.statusCode(), "shard " + shard.path("id") + " paints on: " + placed.body());
            }
        }

        first.start();
        second.start();
        Await.until("every shard led by a live node again", Duration.ofSeconds(60), () -> everyShardLed(nodes));
        Await.until("every node to converge on every placement", Duration.ofSeconds(60), () -> nodes.stream()
            .allMatch(this::holdsAllQuietly));
        for (NodeProcess node : nodes) {
            assertHoldsAll(node);
        }

        addASeventhNode();
    }

    /**
     * A seventh node joins through node 1's address (ADR 0017, stage 5): the shards its id outranks a replica of
     * move to it one at a time, each keeping three replicas, while painting goes on through every node.
     */
    private void addASeventhNode() throws Exception {
        NodeProcess seventh = new NodeProcess(7, TestCluster.freePort(), TestCluster.freePort(), "",
            dir.resolve("data-7"), "shard-secret", dir);
        seventh.set("--join", "127.0.0.1:" + nodes.get(0).httpPort).start();
        nodes.add(seventh);
        Await.until("node 7 to be admitted", Duration.ofSeconds(60), () -> memberCount(nodes.get(0)) == 7
            && seventh.cluster().path("member").asBoolean());
        JsonNode before = shards(nodes.get(0));
        assertTrue(before != null, "node 1 answers /api/v1/shards");
        for (JsonNode shard : before.path("shards")) {
            HttpResponse<String> placed = placeIn(nodes.get(next % nodes.size()), shard);
            assertEquals(200, placed.statusCode(), "painting goes on as the shards start to move: " + placed.body());
        }
        List<String> shrunk = new ArrayList<>();
        Await.until("the shards to settle on seven nodes", Duration.ofSeconds(90), () -> {
            JsonNode now = shards(nodes.get(0));
            if (now != null) {
                now.path("shards").forEach(shard -> {
                    if (shardReplicas(shard).size() < 3) {
                        shrunk.add(shard.toString());
                    }
                });
            }
            return everyShardLed(nodes) && settledOnSeven(now);
        });
        assertEquals(List.of(), shrunk, "no shard ever held fewer than three replicas while moving");
        JsonNode map = shards(seventh);
        long version = seventh.cluster().path("configVersion").asLong();
        assertTrue(version >= 1, "the join is a new configuration: " + version);
        assertEquals(version, map.path("mapVersion").asLong(), "the map's version is the configuration's");
        assertTrue(seventh.cluster().path("shards").size() > 0, "node 7 holds shards: " + map);
        for (JsonNode shard : map.path("shards")) {
            assertEquals(3, new HashSet<>(shardReplicas(shard)).size(), "three replicas after the moves: " + shard);
            HttpResponse<String> placed = placeIn(seventh, shard);
            assertEquals(200, placed.statusCode(), "through node 7, shard " + shard.path("id") + ": " + placed.body());
        }
        Await.until("all seven nodes to show every placement", Duration.ofSeconds(60), () -> nodes.stream()
            .allMatch(this::holdsAllQuietly));
        for (NodeProcess node : nodes) {
            assertHoldsAll(node);
        }
    }

    private static int memberCount(NodeProcess node) {
        return node.cluster().path("members").size();
    }

    /** Every shard holds exactly the three replicas rendezvous hashing ranks first among the seven nodes. */
    private static boolean settledOnSeven(JsonNode map) {
        if (map == null) {
            return false;
        }
        for (JsonNode shard : map.path("shards")) {
            Set<Integer> target = Set.copyOf(ShardMoves.target(shard.path("id").asInt(), SEVEN, 3));
            if (!target.equals(Set.copyOf(shardReplicas(shard)))) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<String> awaitRefusal(NodeProcess through, JsonNode shard) throws Exception {
        HttpResponse<String> answer = placeIn(through, shard);
        assertTrue(answer.statusCode() != 200, "a shard without its majority took a placement: " + answer.body());
        return answer;
    }

    private boolean ledWhereAMajorityLives(NodeProcess node, Set<Integer> lost) {
        JsonNode map = shards(node);
        if (map == null) {
            return false;
        }
        for (JsonNode shard : map.path("shards")) {
            if (!lost.contains(shard.path("id").asInt()) && shard.path("leader").isNull()) {
                return false;
            }
        }
        return true;
    }

    private boolean holdsAllQuietly(NodeProcess node) {
        try {
            JsonNode canvas = NodeProcess.JSON.readTree(node.get("/canvas").body()).path("pixels");
            return acknowledged.entrySet().stream().allMatch(e -> e.getValue().equals(canvas.path(e.getKey())
                .asText()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            return false;
        }
    }

    private static List<Integer> shardReplicas(JsonNode shard) {
        List<Integer> ids = new ArrayList<>();
        shard.path("replicas").forEach(id -> ids.add(id.asInt()));
        return ids;
    }

    private NodeProcess node(int id) {
        return nodes.stream().filter(n -> n.id == id).findFirst().orElseThrow();
    }
}
