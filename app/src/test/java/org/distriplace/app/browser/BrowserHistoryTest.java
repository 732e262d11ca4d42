package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.core.model.Color;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.GifFrames;
import org.junit.jupiter.api.Test;

/** The page's history: who painted a pixel, the canvas at a past moment and back to live, a timelapse saved. */
class BrowserHistoryTest extends ChromiumAgainstCluster {

    @Test
    void aPlayerSeesWhoPaintedAPixelScrubsBackToBeforeItChangedAndSavesATimelapse() throws Exception {
        startCluster(0, "browser-history-test");
        assertEquals(200, nodes.get(1).place(12, 8, "#FF4500").statusCode());
        Await.until("node 1 to hold the first placement", Duration.ofSeconds(10),
            () -> placements(nodes.get(0)) == 1);
        long between = lastPlacementMs(nodes.get(0)) + 1;
        Await.until("a later millisecond", Duration.ofSeconds(5), () -> System.currentTimeMillis() > between + 5);
        assertEquals(200, nodes.get(2).place(12, 8, "#2450A4").statusCode());

        try (Browser dana = new Browser(dir.resolve("dana"))) {
            dana.open(nodes.get(0).url("/"));
            dana.await("the second placement to arrive", () -> "#2450A4".equals(dana.colorAt(12, 8)));

            dana.click("inspect-tool");
            dana.clickPixel(12, 8);
            dana.await("the pixel's placements", () -> listed(dana).size() == 2);
            assertTrue(listed(dana).get(0).endsWith("#2450A4"), "newest first: " + listed(dana));
            assertTrue(listed(dana).get(1).endsWith("#FF4500"), listed(dana).toString());
            assertTrue(dana.text("pixel-info").contains("epoch"), "with its provenance: " + dana.text("pixel-info"));
            assertEquals("#2450A4", dana.colorAt(12, 8), "inspecting placed nothing");

            dana.click("history-toggle");
            dana.await("the history bar on the newest moment", () -> dana.js(
                "return window.distriPlace.historyShown") != null);
            dana.js("return window.distriPlace.seekHistory(arguments[0])", between);
            dana.await("the canvas before the second placement", () -> "#FF4500".equals(shown(dana)));
            assertTrue(dana.text("history-time").contains("1 placement"), dana.text("history-time"));
            assertEquals("#2450A4", dana.colorAt(12, 8), "the live canvas is still live underneath");
            dana.clickPixel(12, 8);
            dana.await("the placements up to the moment shown", () -> listed(dana).size() == 1);
            dana.screenshot(Path.of("target", "browser-history.png"));
            dana.click("history-live");
            dana.await("the live canvas again", () -> "#2450A4".equals(shown(dana)));
            assertTrue(!dana.shown("history-bar"));

            dana.click("timelapse-open");
            dana.await("the timelapse dialog", () -> dana.shown("timelapse-dialog"));
            dana.type("timelapse-frames", "6");
            dana.type("timelapse-region", "10,6,5,5");
            dana.click("timelapse-download");
            dana.await("the GIF saved", () -> dana.js("return window.distriPlace.timelapseSaved") != null);
            Path downloads = Browser.downloads(dir.resolve("dana"));
            dana.await("the file on disk", () -> gifs(downloads).size() == 1);
            GifFrames.Decoded gif = GifFrames.decode(Files.readAllBytes(gifs(downloads).get(0)));
            assertEquals(6, gif.frames().size());
            assertEquals(5, gif.width());
            assertEquals(Color.of("#2450A4").rgb(), gif.frames().get(5)[2 * 5 + 2], "ends on the blue pixel");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(Browser browser) {
        return (List<String>) browser.js("return window.distriPlace.placementsListed");
    }

    private static String shown(Browser browser) {
        return (String) browser.js("return window.distriPlace.shownColorAt(12, 8)");
    }

    private static long placements(NodeProcess node) {
        try {
            return NodeProcess.JSON.readTree(node.get("/api/v1/history/range").body()).path("placements").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long lastPlacementMs(NodeProcess node) throws Exception {
        HttpResponse<String> range = node.get("/api/v1/history/range");
        return Instant.parse(NodeProcess.JSON.readTree(range.body()).path("last").asText()).toEpochMilli();
    }

    /** Finished downloads only (Chromium writes .crdownload files first). */
    private static List<Path> gifs(Path downloads) {
        if (!Files.isDirectory(downloads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(file -> file.toString().endsWith(".gif")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
