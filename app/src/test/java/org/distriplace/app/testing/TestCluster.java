package org.distriplace.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Three {@link NodeProcess}es on free loopback ports, and the conditions tests wait for. */
public final class TestCluster {

    private TestCluster() {
    }

    /** Three nodes (not started), each with the secret at its index (or the first one). */
    public static List<NodeProcess> of(Path dir, int cooldownSeconds, String... secrets) throws IOException {
        int[] http = new int[3];
        int[] peer = new int[3];
        for (int i = 0; i < 3; i++) {
            http[i] = freePort();
            peer[i] = freePort();
        }
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> peers = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    peers.add((j + 1) + "@127.0.0.1:" + peer[j]);
                }
            }
            nodes.add(new NodeProcess(i + 1, http[i], peer[i], String.join(",", peers), dir.resolve("data-" + (i + 1)),
                secrets.length > i ? secrets[i] : secrets[0], dir, cooldownSeconds));
        }
        return nodes;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
