package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/** {@code /healthz} and {@code /readyz} on three node processes, through a failover and a restart. */
class HealthProcessTest extends ProcessClusterTest {


    private static int status(NodeProcess node, String path) {
        try {
            return node.get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode readiness(NodeProcess node) throws Exception {
        return NodeProcess.JSON.readTree(node.get("/readyz").body());
    }

    @Test
    void readinessFollowsTheLeaderThroughAFailoverWhileHealthStaysUp() throws Exception {
        nodes.addAll(TestCluster.of(dir, 0, "health-test"));
        for (NodeProcess node : nodes) {
            node.start();
        }
        Await.until("every node ready", Duration.ofSeconds(60),
            () -> nodes.stream().allMatch(node -> status(node, "/readyz") == 200));
        JsonNode ready = readiness(nodes.get(0));
        assertEquals(3, ready.path("leaderId").asInt(), ready.toString());
        assertTrue(ready.path("member").asBoolean() && ready.path("caughtUp").asBoolean(), ready.toString());
        assertEquals(0, ready.path("reasons").size());

        nodes.get(2).kill9();
        Await.until("node 2 to lead and both survivors to be ready", Duration.ofSeconds(60),
            () -> readyUnder(nodes.get(0), 2) && readyUnder(nodes.get(1), 2));

        nodes.get(1).kill9();
        Await.until("node 1, alone, to say it cannot serve", Duration.ofSeconds(60),
            () -> status(nodes.get(0), "/readyz") == 503);
        JsonNode alone = readiness(nodes.get(0));
        assertEquals(false, alone.path("ready").asBoolean());
        assertTrue(alone.path("reasons").toString().contains("no leader known"), alone.toString());
        HttpResponse<String> health = nodes.get(0).get("/healthz");
        assertEquals(200, health.statusCode(), "the process is up all the same");
        JsonNode up = NodeProcess.JSON.readTree(health.body());
        assertEquals("up", up.path("status").asText());
        assertEquals(1, up.path("nodeId").asInt());

        nodes.get(1).start();
        nodes.get(2).start();
        Await.until("everyone back, caught up, following node 3 again", Duration.ofSeconds(60),
            () -> nodes.stream().allMatch(node -> readyUnder(node, 3)));
        assertEquals(405, nodes.get(0).post("/readyz", "{}").statusCode());
        String metrics = nodes.get(0).get("/metrics").body();
        java.util.regex.Matcher heard = java.util.regex.Pattern.compile(
            "distriplace_peer_received_bytes_total\\{kind=\"heartbeat\",node=\"1\",protocol=\"heartbeat\"} ([0-9.E]+)")
            .matcher(metrics);
        assertTrue(heard.find() && Double.parseDouble(heard.group(1)) > 0, "heartbeats' bytes counted: " + metrics);
    }

    /** Whether {@code node} answers ready, following {@code leader}. */
    private static boolean readyUnder(NodeProcess node, int leader) {
        try {
            HttpResponse<String> response = node.get("/readyz");
            return response.statusCode() == 200
                && NodeProcess.JSON.readTree(response.body()).path("leaderId").asInt() == leader;
        } catch (Exception e) {
            return false;
        }
    }
}
