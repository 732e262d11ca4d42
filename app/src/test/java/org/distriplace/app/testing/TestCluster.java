package org.distriplace.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.net.LoopbackPorts;

/** {@link NodeProcess}es (three, or as many as asked) on free loopback ports, and the conditions tests wait for. */
public final class TestCluster {

    private TestCluster() {
    }

    /** Three nodes (not started), each with the secret at its index (or the first one). */
    public static List<NodeProcess> of(Path dir, int cooldownSeconds, String... secrets) throws IOException {
        return of(3, dir, cooldownSeconds, secrets);
    }

    /** {@code count} nodes, ids 1 to count (not started), each with the secret at its index (or the first one). */
    public static List<NodeProcess> of(int count, Path dir, int cooldownSeconds, String... secrets)
        throws IOException {
        int[] http = new int[count];
        int[] peer = new int[count];
        for (int i = 0; i < count; i++) {
            http[i] = freePort();
            peer[i] = freePort();
        }
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> peers = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                if (j != i) {
                    peers.add((j + 1) + "@127.0.0.1:" + peer[j]);
                }
            }
            nodes.add(new NodeProcess(i + 1, http[i], peer[i], String.join(",", peers), dir.resolve("data-" + (i + 1)),
                secrets.length > i ? secrets[i] : secrets[0], dir, cooldownSeconds));
        }
        return nodes;
    }

    /** A free loopback port a node can bind later (see {@link LoopbackPorts}). */
    public static int freePort() {
        return LoopbackPorts.next();
    }

    /** True when {@code node} leads and every follower is ready, follows it, and sees it alive. */
    public static boolean leads(NodeProcess node, List<NodeProcess> followers) {
        JsonNode own = node.cluster();
        if (own == null || !own.path("role").asText().equals("LEADER")) {
            return false;
        }
        return followers.stream().map(NodeProcess::cluster).allMatch(view -> view != null
            && view.path("role").asText().equals("FOLLOWER") && view.path("leaderId").asInt() == node.id
            && view.path("ready").asBoolean() && aliveInViewOf(view, node.id));
    }

    private static boolean aliveInViewOf(JsonNode view, int peer) {
        for (JsonNode entry : view.path("peers")) {
            if (entry.path("id").asInt() == peer) {
                return entry.path("status").asText().equals("ALIVE");
            }
        }
        return false;
    }
}
