package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.distriplace.app.desktop.history.HistoryControls;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.GifFrames;
import org.distriplace.inspector.model.CommitRound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop app's history: who painted a pixel (and where it was committed), the past on a slider, a timelapse. */
@ExtendWith(ApplicationExtension.class)
class DesktopHistoryTest {

    private static final Color RED = Color.of("#FF4500");
    private static final Color BLUE = Color.of("#2450A4");

    @TempDir
    static Path dir;

    private final EventTap tap = new EventTap(EventSink.NONE);
    private EmbeddedNode node;
    private SingleNodeWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(30, 20)
            .cooldownMs(0).build(), "127.0.0.1", 0, 0, List.of(), "secret", dir.resolve("node-" + System.nanoTime()),
            false), tap);
        AtomicReference<SingleNodeWindow> self = new AtomicReference<>();
        window = new SingleNodeWindow(SingleNodeWindow.paneFor(node, "ada",
            (epoch, batch, atMs) -> self.get().showInInspector(epoch, batch, atMs)), "ada",
            new SingleNodeWindow.PreferencesAccess(List.of(), new LinkedHashMap<>(), saved -> { }),
            new SingleNodeWindow.NearbyAccess("party", null, "off"), address -> {
                throw new java.io.IOException("not in this test");
            });
        self.set(window);
        window.offerInspector(tap, "secret");
        Scene scene = new Scene(window, 1200, 720);
        scene.getStylesheets().add(DesktopApp.class.getResource("desktop.css").toExternalForm()); // as the app does
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.pane().close()).get();
        node.close();
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HistoryControls history() {
        return window.pane().history().orElseThrow();
    }

    private long paintTwice() throws Exception {
        node.node().place("ada", 5, 5, RED).get(10, TimeUnit.SECONDS);
        Await.until("the first placement in the history", Duration.ofSeconds(10),
            () -> node.history().history().range().placements() == 1);
        long between = Hlc.physical(node.history().history().range().last()) + 1;
        Await.until("a later millisecond", Duration.ofSeconds(5), () -> System.currentTimeMillis() > between + 5);
        node.node().place("bob", 5, 5, BLUE).get(10, TimeUnit.SECONDS);
        Await.until("both in the history", Duration.ofSeconds(10),
            () -> node.history().history().range().placements() == 2);
        return between;
    }

    /** The window as it looks, for people reviewing the change (target/, not asserted on). */
    private void screenshot(Path file) throws Exception {
        javafx.scene.image.Image shot = onFx(() -> window.getScene().snapshot(null));
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w, h,
            java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    private void clickPixel(FxRobot robot, int x, int y) {
        Point2D at = window.pane().canvas().localToScreen(window.pane().canvas().pointOf(x, y));
        robot.clickOn(at);
    }

    @Test
    void aPlayerAsksWhoPaintedAPixelAndFollowsItsProvenanceIntoTheInspector(FxRobot robot) throws Exception {
        robot.clickOn("View").clickOn("Inspector"); // open before the placements, so it sees their rounds
        WaitForAsyncUtils.waitForFxEvents();
        paintTwice();
        robot.clickOn("#inspect-tool");
        clickPixel(robot, 5, 5);
        Await.until("both placements listed", Duration.ofSeconds(10), () -> onFx(() -> history().panel().listed())
            == 2);
        List<Label> rows = robot.lookup(".placement").queryAllAs(Label.class).stream().toList();
        assertTrue(rows.get(0).getText().startsWith("bob  #2450A4"), "newest first: " + rows.get(0).getText());
        assertTrue(rows.get(1).getText().startsWith("ada  #FF4500"), rows.get(1).getText());
        assertEquals(BLUE.rgb(), onFx(() -> window.pane().canvas().pixels().argbAt(5, 5)) & 0xFF_FFFF,
            "inspecting painted nothing");

        var inspector = window.inspector().orElseThrow().pane();
        Await.until("the rounds in the inspector", Duration.ofSeconds(10), () -> inspector.model().rounds()
            .newestFirst().stream().filter(r -> r.outcome() == CommitRound.Outcome.COMMIT).count() >= 2);
        robot.clickOn(robot.lookup(".provenance-link").queryAllAs(Hyperlink.class).iterator().next());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<CommitRound> table = robot.lookup("#rounds-table").queryAs(TableView.class);
        CommitRound selected = onFx(() -> table.getSelectionModel().getSelectedItem());
        var newest = node.history().history().pixel(5, 5, 1, Long.MAX_VALUE).get(0);
        assertEquals(newest.epoch() + "/" + newest.batch(), selected.id(), "the round that committed bob's pixel");
    }

    @Test
    void historyModeShowsThePastPlaysToTheEndAndGoesBackToLive(FxRobot robot) throws Exception {
        long between = paintTwice();
        robot.clickOn("#history-toggle");
        Await.until("the newest moment shown", Duration.ofSeconds(10), () -> onFx(() -> history().bar().shownMs())
            >= 0);
        WaitForAsyncUtils.asyncFx(() -> history().bar().showMoment(between)).get();
        Await.until("the canvas before bob painted", Duration.ofSeconds(10), () -> onFx(() -> window.pane().canvas()
            .shownArgbAt(5, 5) & 0xFF_FFFF) == RED.rgb());
        assertTrue(robot.lookup("#history-time").queryAs(Label.class).getText().endsWith("1 placement"));
        assertEquals(BLUE.rgb(), onFx(() -> window.pane().canvas().pixels().argbAt(5, 5)) & 0xFF_FFFF,
            "the live canvas keeps up underneath");

        clickPixel(robot, 5, 5);
        Await.until("the placements up to that moment", Duration.ofSeconds(10),
            () -> onFx(() -> history().panel().listed()) == 1);
        screenshot(Path.of("target", "desktop-history.png"));

        robot.clickOn("#history-play");
        Await.until("played to the end", Duration.ofSeconds(30), () -> onFx(() -> !history().bar().playing()
            && window.pane().canvas().shownArgbAt(5, 5) == (0xFF00_0000 | BLUE.rgb())));
        robot.clickOn("#history-live");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(() -> window.pane().canvas().showsPast()), "live again");
        assertTrue(robot.lookup("#history-slider").tryQuery().isEmpty(), "the bar is gone");
    }

    @Test
    void aTimelapseIsExportedWithItsProgressShown(FxRobot robot) throws Exception {
        paintTwice();
        robot.clickOn("#timelapse-open");
        Await.until("the span filled in", Duration.ofSeconds(10), () -> !robot.lookup("#timelapse-from")
            .queryAs(TextField.class).getText().isEmpty());
        Path gif = dir.resolve("ada-" + System.nanoTime() + ".gif");
        WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#timelapse-frames").queryAs(TextField.class).setText("12");
            robot.lookup("#timelapse-scale").queryAs(TextField.class).setText("2");
            robot.lookup("#timelapse-out").queryAs(TextField.class).setText(gif.toString());
        }).get();
        robot.clickOn("#timelapse-export");
        Await.until("saved", Duration.ofSeconds(30), () -> robot.lookup("#timelapse-status").queryAs(Label.class)
            .getText().startsWith("Saved"));
        assertEquals(1.0, robot.lookup("#timelapse-progress").queryAs(javafx.scene.control.ProgressBar.class)
            .getProgress(), 1e-9);
        GifFrames.Decoded decoded = GifFrames.decode(Files.readAllBytes(gif));
        assertEquals(12, decoded.frames().size());
        assertEquals(60, decoded.width());
        assertEquals(BLUE.rgb(), decoded.frames().get(11)[10 * 60 + 10], "ends with bob's pixel");

        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#timelapse-frames").queryAs(TextField.class).setText("0"))
            .get();
        robot.clickOn("#timelapse-export");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("frames must be at least 1, not 0", robot.lookup("#timelapse-status").queryAs(Label.class)
            .getText());
    }
}
