package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.distriplace.app.testing.CommandRun;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.Test;

/** A moderator bans and rolls back a vandal across three node processes, with a failover in the middle. */
class ModerationProcessTest extends ProcessClusterTest {

    private static String credentials(String name, String password) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    private static String pixel(int x, int y, String color) {
        return "{\"x\":" + x + ",\"y\":" + y + ",\"color\":\"" + color + "\"}";
    }

    private static TestHttp player(NodeProcess node, String name) throws Exception {
        TestHttp device = TestHttp.withCookies();
        HttpResponse<String> made = device.post(node.url("/api/v1/auth/register"), credentials(name, name + " pass"));
        assertEquals(201, made.statusCode(), made.body());
        return device;
    }

    private CommandRun mod(NodeProcess node, String... args) {
        String[] full = new String[args.length + 7];
        full[0] = "mod";
        System.arraycopy(args, 0, full, 1, args.length);
        System.arraycopy(new String[] {"--node", "127.0.0.1:" + node.httpPort, "--as", "alice", "--password",
            "alice pass"}, 0, full, args.length + 1, 6);
        CommandRun run = new CommandRun();
        assertEquals(0, run.run(full), String.join(" ", full) + ": " + run.err());
        return run;
    }

    private static String colorAt(NodeProcess node, int x, int y) {
        try {
            JsonNode canvas = NodeProcess.JSON.readTree(node.get("/canvas").body()).path("pixels");
            return canvas.path(x + "," + y).asText("#FFFFFF");
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Test
    void aBanHoldsThroughAFailoverAndARollbackRestoresTheCanvasAsModeration() throws Exception {
        nodes.addAll(TestCluster.of(dir, 0, "moderation-test"));
        for (NodeProcess node : nodes) {
            node.set("--moderators", "alice").start();
        }
        Await.until("node 3 to lead a ready cluster", Duration.ofSeconds(60),
            () -> TestCluster.leads(nodes.get(2), nodes.subList(0, 2)));
        player(nodes.get(0), "alice");
        TestHttp mallory = player(nodes.get(1), "mallory");
        TestHttp bob = player(nodes.get(2), "bob");
        assertEquals(200, bob.post(nodes.get(2).url("/pixel"), pixel(2, 1, "#2450A4")).statusCode());
        Instant before = Instant.now();
        for (int x = 1; x <= 3; x++) {
            assertEquals(200, mallory.post(nodes.get(1).url("/pixel"), pixel(x, 1, "#000000")).statusCode());
        }
        assertEquals(200, bob.post(nodes.get(2).url("/pixel"), pixel(3, 1, "#00A368")).statusCode(),
            "bob paints over one of mallory's pixels");

        assertTrue(mod(nodes.get(0), "ban", "mallory", "--reason", "vandalism").out().contains("banned mallory"));
        HttpResponse<String> refused = mallory.post(nodes.get(2).url("/pixel"), pixel(5, 5, "#000000"));
        assertEquals(403, refused.statusCode(), refused.body());

        nodes.get(2).kill9();
        Await.until("node 2 to lead after the failover", Duration.ofSeconds(60),
            () -> TestCluster.leads(nodes.get(1), nodes.subList(0, 1)));
        assertEquals(403, mallory.post(nodes.get(0).url("/pixel"), pixel(5, 5, "#000000")).statusCode(),
            "still banned under the new leader");

        String restored = mod(nodes.get(1), "rollback", "mallory", "--from", before.toString()).out();
        assertTrue(restored.contains("restored 2 of 2 pixels"), restored);
        Await.until("mallory's pixels undone on node 1", Duration.ofSeconds(20),
            () -> colorAt(nodes.get(0), 1, 1).equals("#FFFFFF") && colorAt(nodes.get(0), 2, 1).equals("#2450A4"));
        assertEquals("#00A368", colorAt(nodes.get(0), 3, 1), "bob's later work stays");
        JsonNode history = NodeProcess.JSON.readTree(nodes.get(0).get("/api/v1/history/pixel?x=2&y=1").body())
            .path("placements");
        assertEquals("mod:alice", history.get(0).path("userId").asText(), "the history shows the moderation");
        assertEquals("mallory", history.get(1).path("userId").asText());

        Instant clean = Instant.now();
        assertEquals(200, bob.post(nodes.get(0).url("/pixel"), pixel(8, 8, "#FF4500")).statusCode());
        String area = mod(nodes.get(0), "rollback", "--region", "7,7,3,3", "--time", clean.toString()).out();
        assertTrue(area.contains("restored 1 of 1 pixels"), "an area put back as it was: " + area);
        Await.until("the area clean again on node 2", Duration.ofSeconds(20),
            () -> colorAt(nodes.get(1), 8, 8).equals("#FFFFFF"));

        assertTrue(mod(nodes.get(0), "bans").out().contains("mallory"));
        nodes.get(2).start();
        Await.until("node 3 back and caught up: bans, accounts and the restored canvas", Duration.ofSeconds(60),
            () -> colorAt(nodes.get(2), 1, 1).equals("#FFFFFF") && status(mallory, nodes.get(2)) == 403);
        mod(nodes.get(2), "unban", "mallory");
        assertEquals(200, mallory.post(nodes.get(0).url("/pixel"), pixel(5, 5, "#000000")).statusCode(),
            "unbanned");
    }

    private static int status(TestHttp device, NodeProcess node) {
        try {
            return device.post(node.url("/pixel"), pixel(6, 6, "#000000")).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
