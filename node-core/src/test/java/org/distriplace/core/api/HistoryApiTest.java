package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.history.History;
import org.distriplace.core.history.HistoryWriter;
import org.distriplace.core.history.MemoryChunks;
import org.distriplace.core.history.MemorySnapshots;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.GifFrames;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 2's history endpoints over loopback HTTP, on a history of known placements. */
class HistoryApiTest {

    /** 2026-11-30T20:00:00Z. */
    private static final long EIGHT_PM = 1_796_068_800_000L;

    private Node node;
    private ApiServer server;
    private final TestHttp http = new TestHttp();
    private String base;

    private static PixelWrite placed(int x, int y, String color, String user, long msAfterEight, long counter) {
        long stamp = Hlc.pack(EIGHT_PM + msAfterEight, 0);
        return new PixelWrite(x, y, Color.of(color), user, 2, stamp - 5, stamp, 3,
            VectorClock.EMPTY.with(3, counter).with(1, 4), 7, 40 + counter);
    }

    @BeforeEach
    void start() throws Exception {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(20, 10).build();
        node = new Node(config, new InProcessNetwork().transportFor(1), new MemoryEventStore(), EventSink.NONE);
        node.start().join();
        MemoryChunks chunks = new MemoryChunks();
        HistoryWriter writer = new HistoryWriter(20, chunks);
        writer.append(List.of(placed(4, 5, "#FF4500", "alice", 0, 1), placed(9, 9, "#000000", "bob", 500, 2)),
            HistoryWriter.LOG);
        writer.append(List.of(placed(4, 5, "#2450A4", "carol", 60_000, 3)), HistoryWriter.LOG);
        History history = History.load(chunks, 20, 10);
        TimeMachine past = new TimeMachine(chunks, new MemorySnapshots(), 20, 10, config.palette());
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults())
            .withHistory(history, past);
        server.start();
        base = "http://127.0.0.1:" + server.port() + "/api/v1/history/";
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = http.get(base + path);
        assertEquals(200, response.statusCode(), response.body());
        return Responses.JSON.readTree(response.body());
    }

    private void refused(String path, int status, String mentions) throws Exception {
        HttpResponse<String> response = http.get(base + path);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        JsonNode error = Responses.JSON.readTree(response.body()).path("error");
        assertTrue(error.path("message").asText().contains(mentions), path + ": " + response.body());
    }

    @Test
    void aPixelsPlacementsComeNewestFirstWithTheirProvenance() throws Exception {
        JsonNode placements = json("pixel?x=4&y=5").path("placements");
        assertEquals(2, placements.size());
        JsonNode newest = placements.get(0);
        assertEquals("#2450A4", newest.path("color").asText());
        assertEquals("carol", newest.path("userId").asText());
        assertEquals("2026-11-30T20:01:00Z", newest.path("placedAt").asText());
        assertEquals(7, newest.path("epoch").asLong());
        assertEquals(3, newest.path("leader").asInt());
        assertEquals(43, newest.path("batch").asLong());
        assertEquals(Map.of("1", 4L, "3", 3L), Responses.JSON.convertValue(newest.path("vectorClock"),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() { }));
        assertEquals("alice", placements.get(1).path("userId").asText());

        assertEquals(1, json("pixel?x=4&y=5&limit=1").path("placements").size());
        JsonNode older = json("pixel?x=4&y=5&before=2026-11-30T20:01:00Z").path("placements");
        assertEquals(1, older.size(), "before is exclusive");
        assertEquals("alice", older.get(0).path("userId").asText());
        assertEquals(1, json("pixel?x=4&y=5&before=2026-11-30T21:00:30%2B01:00").path("placements").size(),
            "an offset is understood");
        assertEquals(0, json("pixel?x=0&y=0").path("placements").size(), "an unpainted pixel has no story");
    }

    @Test
    void theCanvasAtAMomentSaysWhichCommitItShows() throws Exception {
        Palette palette = Palette.rPlace2022();
        HttpResponse<byte[]> between = http.getBytes(base + "snapshot?time=2026-11-30T20:00:30Z");
        assertEquals(200, between.statusCode());
        assertEquals(200, between.body().length, "one palette index a pixel");
        assertEquals(palette.indexOf(Color.of("#FF4500")), between.body()[5 * 20 + 4], "alice's pixel, not carol's");
        assertEquals(palette.indexOf(Color.of("#000000")), between.body()[9 * 20 + 9]);
        assertEquals(palette.backgroundIndex(), between.body()[0]);
        assertEquals("2026-11-30T20:00:00.500Z", between.headers().firstValue("X-History-Commit-Point").orElseThrow());
        assertEquals("2", between.headers().firstValue("X-History-Placements").orElseThrow());

        HttpResponse<byte[]> before = http.getBytes(base + "snapshot?time=2026-11-30T19:00:00Z");
        assertEquals("none", before.headers().firstValue("X-History-Commit-Point").orElseThrow());
        assertEquals(palette.backgroundIndex(), before.body()[5 * 20 + 4]);

        HttpResponse<byte[]> png = http.getBytes(base + "snapshot?time=2026-11-30T20:05:00Z&format=png");
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        assertEquals(20, image.getWidth());
        assertEquals(10, image.getHeight());
        assertEquals(0x2450A4, image.getRGB(4, 5) & 0xFFFFFF, "carol's pixel, by then");
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void theRangeSpansTheFirstAndLastPlacement() throws Exception {
        JsonNode range = json("range");
        assertEquals("2026-11-30T20:00:00Z", range.path("first").asText());
        assertEquals("2026-11-30T20:01:00Z", range.path("last").asText());
        assertEquals(3, range.path("placements").asLong());
        assertEquals(0, range.get("snapshots").intValue(), "none kept yet: " + range);
    }

    @Test
    void aTimelapseDecodesToTheFramesAskedForEndingOnTheCanvasAtTo() throws Exception {
        String to = "2026-11-30T20:00:45Z";
        HttpResponse<byte[]> gif = http.getBytes(base + "timelapse?from=2026-11-30T19:59:59Z&to=" + to
            + "&frames=9&fps=4&region=2,3,10,5&scale=3");
        assertEquals(200, gif.statusCode());
        assertEquals("image/gif", gif.headers().firstValue("content-type").orElseThrow());
        assertEquals("attachment; filename=\"distri-place-2026-11-30T1959-2026-11-30T2000.gif\"",
            gif.headers().firstValue("content-disposition").orElseThrow());
        GifFrames.Decoded decoded = GifFrames.decode(gif.body());
        assertEquals(9, decoded.frames().size());
        assertEquals(30, decoded.width());
        assertEquals(15, decoded.height());
        assertEquals(25, decoded.delays().get(8), "4 frames a second");

        byte[] atTo = http.getBytes(base + "snapshot?time=" + to).body();
        int[] last = decoded.frames().get(8);
        Palette palette = Palette.rPlace2022();
        for (int y = 0; y < 15; y++) {
            for (int x = 0; x < 30; x++) {
                assertEquals(palette.color(atTo[(3 + y / 3) * 20 + 2 + x / 3]).rgb(), last[y * 30 + x],
                    "pixel " + x + "," + y + " of the last frame");
            }
        }
        assertEquals(Color.of("#FF4500").rgb(), last[(2 * 3 + 1) * 30 + 2 * 3 + 1], "alice's pixel at 4,5");
        assertEquals(palette.background().rgb(), decoded.frames().get(0)[(2 * 3 + 1) * 30 + 2 * 3 + 1],
            "before alice");
    }

    @Test
    void aTimelapseWithoutFromAndToCoversTheWholeHistory() throws Exception {
        HttpResponse<byte[]> gif = http.getBytes(base + "timelapse?frames=3");
        assertEquals(200, gif.statusCode());
        GifFrames.Decoded decoded = GifFrames.decode(gif.body());
        assertEquals(3, decoded.frames().size());
        assertEquals(Color.of("#2450A4").rgb(), decoded.frames().get(2)[5 * 20 + 4], "carol's, the last placement");
        assertEquals(Color.of("#FF4500").rgb(), decoded.frames().get(0)[5 * 20 + 4], "alice's, the first");
    }

    @Test
    void timelapsesOverABudgetOrWithBadParametersAreRefusedSayingWhich() throws Exception {
        String span = "timelapse?from=2026-11-30T20:00:00Z&to=2026-11-30T20:01:00Z";
        refused(span + "&frames=0", 400, "frames must be");
        refused(span + "&frames=ten", 400, "frames must be");
        refused(span + "&fps=0", 400, "fps must be");
        refused(span + "&scale=99", 400, "scale must be");
        refused(span + "&format=mp4", 400, "format is gif");
        refused(span + "&region=15,5,6,2", 400, "not inside the 20x10 canvas");
        refused(span + "&region=1,2", 400, "region is x,y,width,height");
        refused("timelapse?from=2026-11-30T20:01:00Z&to=2026-11-30T20:00:00Z", 400, "from must not be after to");
        refused("timelapse?from=soon&to=2026-11-30T20:00:00Z", 400, "not an ISO-8601 time");
        refused(span + "&frames=5000", 422, "at most 1000");
        assertEquals("FRAME_BUDGET", Responses.JSON.readTree(http.get(base + span + "&frames=5000").body())
            .path("error").path("code").asText());
    }

    @Test
    void badParametersAreRefusedSayingWhich() throws Exception {
        refused("pixel?y=5", 400, "x is required");
        refused("pixel?x=20&y=5", 400, "x must be a whole number from 0 to 19");
        refused("pixel?x=4&y=-1", 400, "y must be");
        refused("pixel?x=four&y=1", 400, "not 'four'");
        refused("pixel?x=4&y=5&limit=0", 400, "limit must be");
        refused("pixel?x=4&y=5&before=yesterday", 400, "not an ISO-8601 time");
        refused("pixel?x=4&x=5&y=5", 400, "more than once");
        refused("elsewhere", 404, "history/pixel");
        refused("snapshot", 400, "time is required");
        refused("snapshot?time=noon", 400, "not an ISO-8601 time");
        refused("snapshot?time=2026-11-30T20:00:00Z&format=bmp", 400, "format is raw");
        HttpResponse<String> post = http.post(base + "range", "{}");
        assertEquals(405, post.statusCode(), post.body());
    }

    @Test
    void aStoreThatDoesNotAnswerIs503ForEveryHistoryReadTimelapsesToo() throws Exception {
        java.io.UncheckedIOException down = new java.io.UncheckedIOException(
            new java.io.IOException("PostgreSQL is not answering"));
        org.distriplace.core.history.HistoryReads reads = new org.distriplace.core.history.HistoryReads() {
            @Override
            public Range range() {
                throw down;
            }

            @Override
            public List<PixelWrite> pixel(int x, int y, int limit, long before) {
                throw down;
            }
        };
        org.distriplace.core.history.PastReads past = new org.distriplace.core.history.PastReads() {
            @Override
            public int snapshotsKept() {
                throw down;
            }

            @Override
            public org.distriplace.core.history.PastCanvas at(long time) {
                throw down;
            }

            @Override
            public List<PixelWrite> between(long after, long through) {
                throw down;
            }
        };
        ApiServer unanswered = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults())
            .withHistory(reads, past);
        unanswered.start();
        try {
            String at = "http://127.0.0.1:" + unanswered.port() + "/api/v1/history/";
            for (String path : List.of("range", "pixel?x=1&y=1", "snapshot?time=2026-11-30T20:00:00Z",
                "timelapse?frames=3")) {
                HttpResponse<String> response = http.get(at + path);
                assertEquals(503, response.statusCode(), path + ": " + response.body());
                JsonNode error = Responses.JSON.readTree(response.body()).path("error");
                assertEquals("UNAVAILABLE", error.path("code").asText(), path + ": " + response.body());
                assertTrue(error.path("message").asText().contains("PostgreSQL is not answering"), response.body());
            }
            // What is wrong with the request itself is said first, whatever the store's state.
            HttpResponse<String> malformed = http.get(at + "timelapse?from=yesterday");
            assertEquals(400, malformed.statusCode(), malformed.body());
            HttpResponse<String> tooMany = http.get(at + "timelapse?from=2026-11-30T20:00:00Z"
                + "&to=2026-11-30T21:00:00Z&frames=100000");
            assertEquals(422, tooMany.statusCode(), tooMany.body());
        } finally {
            unanswered.close();
        }
    }
}
