package org.distriplace.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.GifFrames;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.edge.history.HistoryService;
import org.distriplace.edge.sql.PgDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history service stores what the edges placed in PostgreSQL, and every edge answers the history endpoints
 * from it with the JSON, headers and images a node answers: a pixel's placements, the canvas at a moment (from a
 * snapshot and the events after it), a timelapse.
 */
class EdgeHistoryTest {

    private static SharedStack stack;
    private static TwoEdges edges;
    private static PgDatabase database;
    private static HistoryService history;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @BeforeAll
    static void start() throws Exception {
        edges = new TwoEdges(stack, SharedStack.namespace("history"), 20, 10, 0);
        database = new PgDatabase(edges.settings, 2);
        history = new HistoryService(edges.settings, database, 500, 200).start();
    }

    @AfterAll
    static void stop() {
        history.close();
        database.close();
        edges.close();
    }

    private static String base(EdgeServer edge) {
        return TwoEdges.base(edge) + "/api/v1/history/";
    }

    private static void place(EdgeServer edge, int x, int y, String color) throws Exception {
        HttpResponse<String> placed = TestHttp.withCookies().post(TwoEdges.base(edge) + "/pixel",
            "{\"x\":" + x + ",\"y\":" + y + ",\"color\":\"" + color + "\"}");
        assertEquals(200, placed.statusCode(), placed.body());
    }

    @Test
    void theHistoryComesFromPostgresAndMatchesWhatWasPlaced() throws Exception {
        place(edges.first, 4, 5, "#FF4500");
        place(edges.second, 4, 5, "#2450A4");
        place(edges.first, 9, 9, "#000000");
        Instant afterThree = Instant.now();
        TestHttp http = new TestHttp();
        Await.until("the three placements stored", Duration.ofSeconds(20), () -> {
            JsonNode range = http.jsonOrNull(base(edges.second) + "range");
            return range != null && range.path("placements").asLong() == 3;
        });
        JsonNode placements = http.jsonOrNull(base(edges.second) + "pixel?x=4&y=5").path("placements");
        assertEquals(2, placements.size(), placements.toString());
        assertEquals("#2450A4", placements.get(0).path("color").asText(), "newest first");
        assertEquals("#FF4500", placements.get(1).path("color").asText());

        Await.until("a snapshot taken", Duration.ofSeconds(20),
            () -> http.jsonOrNull(base(edges.first) + "range").path("snapshots").asInt() > 0);
        place(edges.second, 0, 0, "#FFD635");
        Await.until("the fourth stored", Duration.ofSeconds(20),
            () -> http.jsonOrNull(base(edges.first) + "range").path("placements").asLong() == 4);

        Palette palette = Palette.rPlace2022();
        HttpResponse<byte[]> then = http.getBytes(base(edges.first) + "snapshot?time=" + afterThree);
        assertEquals(200, then.statusCode());
        assertEquals("3", then.headers().firstValue("X-History-Placements").orElseThrow());
        assertEquals(palette.indexOf(Color.of("#2450A4")), then.body()[5 * 20 + 4]);
        assertEquals(palette.backgroundIndex(), then.body()[0], "the fourth came after");
        HttpResponse<byte[]> now = http.getBytes(base(edges.first) + "snapshot?time=" + Instant.now());
        assertEquals("4", now.headers().firstValue("X-History-Placements").orElseThrow());
        assertArrayEquals(http.getBytes(TwoEdges.base(edges.second) + "/api/v1/canvas").body(), now.body(),
            "the history's present is the live canvas");

        HttpResponse<byte[]> gif = http.getBytes(base(edges.second) + "timelapse?frames=4");
        assertEquals(200, gif.statusCode());
        assertEquals("image/gif", gif.headers().firstValue("content-type").orElseThrow());
        GifFrames.Decoded decoded = GifFrames.decode(gif.body());
        assertEquals(4, decoded.frames().size());
        assertTrue(decoded.width() >= 20, "the whole canvas");
    }
}
