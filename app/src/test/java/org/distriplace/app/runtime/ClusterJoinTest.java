package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJoinTest {

    /** Found by NodeSessionTest: two copies joining in the same millisecond under one id shared a directory. */
    @Test
    void joinersMakingTheirDataDirectoryAtTheSameMomentEachGetOneOfTheirOwn(@TempDir Path home) {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Path dir = ClusterJoin.freshDirectory(home, "node-7-joined-");
            assertTrue(Files.isDirectory(dir), dir + " exists");
            assertTrue(dir.getFileName().toString().startsWith("node-7-joined-"), dir.toString());
            made.add(dir);
        }
        assertEquals(20, made.size(), "every call made a directory of its own: " + made);
    }

    /** Issue 25: members refuse a peer whose settings differ, so a joiner takes on the cluster's. */
    @Test
    void aJoinerTakesOnTheClustersCanvasCooldownPaletteAndModerators(@TempDir Path home) throws Exception {
        String answer = "{\"nodeId\":2,\"members\":[{\"id\":2,\"peerAddress\":\"10.0.0.2:7522\"}],"
            + "\"canvas\":{\"width\":64,\"height\":32},\"settings\":{\"cooldownMs\":0,\"background\":1,"
            + "\"palette\":[\"#000000\",\"#FFFFFF\",\"#FF4500\"],\"moderators\":[\"teacher\"]}}";
        ClusterJoin.ClusterInfo cluster = ClusterJoin.parse(answer, "10.0.0.2:8080");
        EmbeddedNode.Settings mine = new EmbeddedNode.Settings(org.distriplace.core.node.NodeConfig.builder(1,
            java.util.List.of(1)).build(), "127.0.0.1", 0, 0, java.util.List.of(), "s", home.resolve("mine"), true);
        EmbeddedNode.Settings joiner = ClusterJoin.settingsToJoin(cluster, mine, home, new java.util.Random(1));
        assertEquals(EmbeddedNode.sharedSettings(org.distriplace.core.node.NodeConfig.builder(9, java.util.List.of(2))
            .canvas(64, 32).cooldownMs(0).palette(joiner.config().palette()).build(),
            org.distriplace.core.api.ServerOptions.defaults().withModerators(Set.of("teacher"))),
            EmbeddedNode.sharedSettings(joiner.config(), joiner.api()), "what the handshake compares");
        assertEquals(java.util.List.of("#000000", "#FFFFFF", "#FF4500"), joiner.config().palette().colors().stream()
            .map(color -> color.hex()).toList());
        assertEquals(1, joiner.config().palette().backgroundIndex());

        ClusterJoin.ClusterInfo odd = ClusterJoin.parse(answer.replace("\"#FF4500\"", "\"orange\""), "x");
        assertEquals(null, odd.shared(), "a palette that does not parse is not taken on");
        assertEquals("1x1", cluster.shards(), "a cluster that names no sharding is one shard");
    }

    /** ADR 0017, stage 5: a node joining a sharded cluster must cut the canvas as its members do. */
    @Test
    void aJoinerTakesOnTheClustersShardsAndNeverCountsItselfAmongItsContacts(@TempDir Path home) throws Exception {
        String answer = "{\"nodeId\":1,\"members\":[{\"id\":1,\"peerAddress\":\"h:1\"},"
            + "{\"id\":2,\"peerAddress\":\"h:2\"},{\"id\":7,\"peerAddress\":\"h:7\"}],"
            + "\"canvas\":{\"width\":90,\"height\":60},\"sharding\":{\"shards\":\"3x2\",\"replicas\":3}}";
        ClusterJoin.ClusterInfo cluster = ClusterJoin.parse(answer, "h:8081");
        assertEquals("3x2", cluster.shards());
        EmbeddedNode.Settings mine = new EmbeddedNode.Settings(org.distriplace.core.node.NodeConfig.builder(7,
            java.util.List.of(7)).build(), "127.0.0.1", 0, 0, java.util.List.of(), "s", home.resolve("mine"), true);

        EmbeddedNode.Settings restarting = ClusterJoin.joinAs(7, cluster, mine, home.resolve("data-7"));
        assertEquals(3, restarting.config().shardColumns());
        assertEquals(2, restarting.config().shardRows());
        assertEquals(java.util.List.of(1, 2), restarting.config().members(), "the others, never itself");
        assertEquals(java.util.List.of(1, 2), restarting.peers().stream().map(peer -> peer.id()).toList());
        assertEquals(home.resolve("data-7"), restarting.dataDir());
    }
}
