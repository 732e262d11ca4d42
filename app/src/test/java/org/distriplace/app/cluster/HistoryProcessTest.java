package org.distriplace.app.cluster;

import static org.distriplace.app.testing.TestCluster.leads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.GifFrames;
import org.junit.jupiter.api.Test;

/** Three nodes as processes on loopback tell the same story of a pixel, whoever placed it through whichever node. */
class HistoryProcessTest extends ProcessClusterTest {

    private static final String SECRET = "history-test-secret";
    private static final String[] COLORS = {"#FF4500", "#2450A4", "#000000", "#7EED56", "#FFD635"};


    private static String history(NodeProcess node, String query) throws Exception {
        HttpResponse<String> response = node.get("/api/v1/history/" + query);
        assertEquals(200, response.statusCode(), node + ": " + response.body());
        return response.body();
    }

    private static void paint(NodeProcess node, int i) throws Exception {
        HttpResponse<String> placed = node.place(7, 7, COLORS[i % COLORS.length]);
        assertEquals(200, placed.statusCode(), node + ": " + placed.body());
    }

    @Test
    void everyNodeTellsTheSameStoryOfAPixelIncludingOneThatWasDownAndCaughtUp() throws Exception {
        nodes.addAll(TestCluster.of(dir, 0, SECRET));
        for (NodeProcess node : nodes) {
            node.start();
        }
        Await.until("node 3 leads", Duration.ofSeconds(60), () -> leads(nodes.get(2), nodes.subList(0, 2)));
        for (int i = 0; i < 6; i++) {
            paint(nodes.get(i % 3), i);
        }
        nodes.get(1).kill9();
        for (int i = 6; i < 9; i++) {
            paint(nodes.get(i % 2 == 0 ? 0 : 2), i);
        }
        nodes.get(1).start();
        Await.until("node 2 back and caught up", Duration.ofSeconds(60),
            () -> leads(nodes.get(2), nodes.subList(0, 2)) && sameCommitted());

        String story = history(nodes.get(0), "pixel?x=7&y=7&limit=100");
        JsonNode placements = NodeProcess.JSON.readTree(story).path("placements");
        assertEquals(9, placements.size(), story);
        assertEquals(COLORS[8 % COLORS.length], placements.get(0).path("color").asText(), "newest first");
        for (NodeProcess node : nodes) {
            assertEquals(story, history(node, "pixel?x=7&y=7&limit=100"), node + " tells another story");
            assertEquals(history(nodes.get(0), "range"), history(node, "range"));
        }
        // Between two placements (the fifth newest and the one after it), every node shows the same canvas.
        String moment = placements.get(4).path("placedAt").asText();
        HttpResponse<String> reference = nodes.get(0).get("/api/v1/history/snapshot?time=" + moment);
        assertEquals("5", reference.headers().firstValue("X-History-Placements").orElseThrow(), reference.headers()
            .toString());
        for (NodeProcess node : nodes) {
            HttpResponse<String> snapshot = node.get("/api/v1/history/snapshot?time=" + moment);
            assertEquals(reference.body(), snapshot.body(), node + " shows another canvas");
            assertEquals(reference.headers().firstValue("X-History-Commit-Point"),
                snapshot.headers().firstValue("X-History-Commit-Point"));
        }
        // And the same timelapse, to the byte, from the first placement to the last.
        String span = "timelapse?frames=20&fps=10&region=0,0,16,16&scale=2";
        HttpResponse<byte[]> gif = nodes.get(0).getBytes("/api/v1/history/" + span);
        assertEquals(200, gif.statusCode());
        assertEquals(20, GifFrames.decode(gif.body()).frames().size());
        for (NodeProcess node : nodes) {
            assertArrayEquals(gif.body(), node.getBytes("/api/v1/history/" + span).body(), node + "'s timelapse");
        }
    }

    private boolean sameCommitted() {
        return sameCommitted(9);
    }

    private boolean sameCommitted(long writes) {
        return nodes.stream().map(NodeProcess::cluster).allMatch(view -> view != null
            && view.path("committedWrites").asLong() == writes);
    }

    /** A node that was down too long takes full state (the canvas), then fetches the history it skipped. */
    @Test
    void aNodeThatTookFullStateFetchesTheHistoryItSkipped() throws Exception {
        nodes.addAll(TestCluster.of(dir, 0, SECRET));
        nodes.forEach(node -> node.set("--max-delta-writes", "20"));
        for (NodeProcess node : nodes) {
            node.start();
        }
        Await.until("node 3 leads", Duration.ofSeconds(60), () -> leads(nodes.get(2), nodes.subList(0, 2)));
        paint(nodes.get(1), 0);
        nodes.get(1).kill9();
        for (int i = 1; i <= 60; i++) {
            HttpResponse<String> placed = nodes.get(i % 2 == 0 ? 0 : 2).place(i % 10, i / 10, COLORS[i % 5]);
            assertEquals(200, placed.statusCode(), placed.body());
        }
        nodes.get(1).start();
        Await.until("node 2 back with the canvas", Duration.ofSeconds(60),
            () -> leads(nodes.get(2), nodes.subList(0, 2)) && sameCommitted(61));
        String range = history(nodes.get(0), "range");
        Await.until("node 2's history whole again", Duration.ofSeconds(30), () -> {
            try {
                return history(nodes.get(1), "range").equals(range);
            } catch (Exception e) {
                return false;
            }
        });
        for (int x = 0; x < 10; x++) {
            assertEquals(history(nodes.get(0), "pixel?x=" + x + "&y=3"), history(nodes.get(1), "pixel?x=" + x
                + "&y=3"));
        }
    }
}
