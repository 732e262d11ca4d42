package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.history.History;
import org.distriplace.core.history.HistoryWriter;
import org.distriplace.core.history.MemoryChunks;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
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
        server = new ApiServer(node, "127.0.0.1", 0, Map.of(), ApiServer.Options.defaults()).withHistory(history);
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
    void theRangeSpansTheFirstAndLastPlacement() throws Exception {
        JsonNode range = json("range");
        assertEquals("2026-11-30T20:00:00Z", range.path("first").asText());
        assertEquals("2026-11-30T20:01:00Z", range.path("last").asText());
        assertEquals(3, range.path("placements").asLong());
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
        HttpResponse<String> post = http.post(base + "range", "{}");
        assertEquals(405, post.statusCode(), post.body());
    }
}
