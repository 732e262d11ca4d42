package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.net.LoopbackPorts;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two members started with different cooldowns (issue 25: each node then timed players by its own): they refuse
 * each other at the handshake, and each one's {@code /readyz} says how they differ.
 */
class SettingsConflictTest {

    @TempDir
    Path dir;

    @Test
    void membersWithDifferentCooldownsRefuseEachOtherAndSaySoOnReadyz() throws Exception {
        int[] peer = {LoopbackPorts.next(), LoopbackPorts.next()};
        try (EmbeddedNode one = EmbeddedNode.start(member(1, peer, 5_000), EventSink.NONE);
             EmbeddedNode two = EmbeddedNode.start(member(2, peer, 2_000), EventSink.NONE)) {
            TestHttp http = new TestHttp();
            Await.until("node 1's /readyz to name the conflict", Duration.ofSeconds(20), () -> conflicts(http, one)
                .size() == 1);
            String said = conflicts(http, one).get(0).asText();
            assertTrue(said.contains("cooldown 5000 ms here, 2000 ms at node 2"), said);
            Await.until("node 2's too", Duration.ofSeconds(20), () -> conflicts(http, two).size() == 1);
            assertEquals(List.of(), one.node().report().join().peers().values().stream()
                .filter(view -> view.lastHeardAgoMs() >= 0).toList(), "node 1 never heard node 2");
        }
    }

    private EmbeddedNode.Settings member(int id, int[] peerPorts, long cooldownMs) {
        int other = 3 - id;
        return new EmbeddedNode.Settings(NodeConfig.builder(id, List.of(1, 2)).canvas(10, 10).cooldownMs(cooldownMs)
            .build(), "127.0.0.1", 0, peerPorts[id - 1], List.of(new PeerAddress(other, "127.0.0.1",
            peerPorts[other - 1])), "secret", dir.resolve("node-" + id), false);
    }

    private static JsonNode conflicts(TestHttp http, EmbeddedNode node) {
        try {
            return JSON.readTree(http.get("http://127.0.0.1:" + node.httpPort() + "/readyz").body()).path("conflicts");
        } catch (java.io.IOException e) {
            return JSON.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createArrayNode();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();
}
