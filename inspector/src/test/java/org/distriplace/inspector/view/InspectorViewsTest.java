package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.core.node.NodeReport;
import org.distriplace.inspector.Script;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.TraceReplay;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Each view of the inspector reacting to the scripted leader crash, played one event at a time. */
@ExtendWith(ApplicationExtension.class)
class InspectorViewsTest {

    @TempDir
    Path dir;

    private InspectorPane pane;
    private TraceReplay replay;

    @Start
    void start(Stage stage) {
        InspectorSource source = TraceReplay.source("scripted leader crash", Script.leaderCrash());
        replay = (TraceReplay) source.playback();
        pane = new InspectorPane(source);
        stage.setScene(new Scene(pane, 1100, 700));
        stage.show();
    }

    /** Runs {@code action} on the FX thread, then lets a pulse lay out and render what it changed. */
    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** Steps the script until the event at {@code until} (inclusive) has been played, then draws a frame. */
    private void playUntil(long until) throws Exception {
        fx(() -> {
            while (!replay.next().isEmpty() && nextAt() <= until) {
                replay.step();
            }
            pane.frame(0);
            return null;
        });
    }

    private long nextAt() {
        return Script.leaderCrash().get(replay.position()).at();
    }

    private boolean nodeHas(FxRobot robot, int id, String styleClass) {
        return robot.lookup("#node-" + id).query().getStyleClass().contains(styleClass);
    }

    @Test
    void theGraphCrownsTheLeaderShowsMessagesInFlightAndTheCrash(FxRobot robot) throws Exception {
        playUntil(1_100);
        assertTrue(nodeHas(robot, 3, "leader"));
        assertFalse(nodeHas(robot, 2, "leader"));
        assertTrue(pane.graph().drawnArrows() >= 2, "the two PREPAREs are in flight");
        assertTrue(pane.graph().drawnArrows(Topic.COMMIT) >= 2, "coloured as 2PC");

        playUntil(1_500);
        assertTrue(nodeHas(robot, 3, "down"));
        assertFalse(nodeHas(robot, 3, "dead"), "nobody has noticed yet");
        playUntil(7_100);
        assertTrue(nodeHas(robot, 3, "dead"));
        playUntil(Long.MAX_VALUE);
        assertTrue(nodeHas(robot, 2, "leader"));
        assertFalse(nodeHas(robot, 3, "leader"));
    }

    @Test
    void theRoundsTableShowsVotesDecisionsAndDurations(FxRobot robot) throws Exception {
        robot.clickOn("#tab-2pc-rounds");
        playUntil(Long.MAX_VALUE);
        List<CommitRound> rounds = pane.rounds().rounds();
        assertEquals(List.of("2/1", "1/1"), rounds.stream().map(CommitRound::id).toList());
        assertEquals(1, robot.lookup(".round-abort").queryAll().size());
        assertEquals(1, robot.lookup(".vote-no").queryAll().size(), "n1's no");
        assertTrue(robot.lookup(".vote-yes").queryAll().size() >= 4);
    }

    @Test
    void theClockTableHighlightsEntriesThatJustChanged(FxRobot robot) throws Exception {
        fx(() -> {
            pane.source().inbox().report(Script.report(1, 1_000, Role.FOLLOWER, 3, 1, Map.of(3, 4L), Map.of()));
            pane.frame(0);
            pane.source().inbox().report(Script.report(1, 1_200, Role.FOLLOWER, 3, 1, Map.of(3, 6L), Map.of()));
            pane.source().inbox().report(Script.report(2, 1_200, Role.FOLLOWER, 3, 1, Map.of(3, 6L), Map.of()));
            pane.frame(0);
            return null;
        });
        assertEquals(2, pane.clocks().rows().size());
        assertEquals(1, robot.lookup(".table-cell.changed").queryAll().size(), "n1's entry for n3 moved");
    }

    @Test
    void heartbeatBarsGrowWithSilenceAndChangeColourWhenSuspected(FxRobot robot) throws Exception {
        robot.clickOn("#tab-heartbeats");
        playUntil(1_100);
        fx(() -> {
            pane.source().inbox().report(Script.report(2, 1_030, Role.FOLLOWER, 3, 1, Map.of(), Map.of(
                3, new NodeReport.PeerView(3, Liveness.ALIVE, 0))));
            pane.frame(0);
            return null;
        });
        Node bar = robot.lookup("#hb-2-3").query();
        assertTrue(bar.isVisible());
        double early = pane.heartbeats().fractions().get("2-3");
        playUntil(5_100);
        double late = pane.heartbeats().fractions().get("2-3");
        assertTrue(late > early, early + " then " + late);
        assertEquals(1, robot.lookup(".hb-suspected").queryAll().size());
    }

    @Test
    void theSpaceTimeDiagramFiltersByKind(FxRobot robot) throws Exception {
        robot.clickOn("#tab-space-time");
        playUntil(1_500);
        fx(() -> {
            pane.spaceTime().setWindowMs(2_000);
            pane.frame(0);
            return null;
        });
        int all = pane.spaceTime().drawnArrows();
        assertEquals(8, all, "3 heartbeats (one to the crashed n3), 2 prepares, 2 votes, 1 commit");
        fx(() -> {
            pane.spaceTime().show(Topic.HEARTBEAT, false);
            return null;
        });
        assertEquals(5, pane.spaceTime().drawnArrows());
    }

    @Test
    void theLogSearchesAndFilters(FxRobot robot) throws Exception {
        playUntil(Long.MAX_VALUE);
        robot.clickOn("#tab-event-log");
        assertEquals(Script.leaderCrash().size(), pane.log().lines().size());
        robot.clickOn("#log-search").write("WON");
        fx(() -> {
            pane.frame(0);
            return null;
        });
        assertEquals(1, pane.log().lines().size());
        assertTrue(pane.log().lines().get(0).text().contains("n2"));
    }

    @Test
    void aSavedTraceReloadsAndReplaysStepByStep(FxRobot robot) throws Exception {
        playUntil(Long.MAX_VALUE);
        Path file = dir.resolve("lesson.dptrace");
        fx(() -> {
            pane.saveTrace(file);
            pane.loadTrace(file);
            return null;
        });
        assertTrue(pane.source().title().contains("lesson.dptrace"));
        assertEquals(0, pane.model().log().total(), "a reloaded trace starts at its beginning");
        robot.clickOn("#step");
        robot.clickOn("#step");
        fx(() -> {
            pane.frame(0);
            return null;
        });
        assertEquals(2, pane.model().log().total());
        robot.clickOn("#pause");
        fx(() -> {
            for (int i = 0; i < 200; i++) {
                pane.frame(100);
            }
            return null;
        });
        assertEquals(Script.leaderCrash().size(), pane.model().log().total(), "resumed, it plays to the end");
        assertTrue(robot.lookup("#node-2").query().getStyleClass().contains("leader"));
    }

    /** Pictures for slides: each view as PNG (as on screen) and SVG (vectors of what it shows). */
    @Test
    void theGraphAndTheSpaceTimeDiagramExportAsPngAndSvg(FxRobot robot) throws Exception {
        playUntil(1_100);
        for (InspectorPane.Picture picture : InspectorPane.Picture.values()) {
            Path png = dir.resolve(picture + ".png");
            Path svg = dir.resolve(picture + ".svg");
            fx(() -> {
                pane.exportPicture(picture, png);
                pane.exportPicture(picture, svg);
                return null;
            });
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, picture + " " + image.getWidth() + "x"
                + image.getHeight());
            Set<Integer> colors = new HashSet<>();
            for (int x = 0; x < image.getWidth(); x += 3) {
                for (int y = 0; y < image.getHeight(); y += 3) {
                    colors.add(image.getRGB(x, y));
                }
            }
            assertTrue(colors.size() > 3, picture + " is a picture, not a blank: " + colors.size() + " colours");
            String vectors = Files.readString(svg);
            assertTrue(vectors.startsWith("<svg"), vectors);
            assertTrue(vectors.contains(">n1</text>") && vectors.contains(">n3</text>"), vectors);
            if (picture == InspectorPane.Picture.GRAPH) {
                assertEquals(3, count(vectors, "<circle cx=\"") - pane.graph().drawnArrows(),
                    "a circle per node, and a dot per message in flight: " + vectors);
                assertTrue(vectors.contains("LEADER"), "n3's role is written: " + vectors);
            } else {
                assertTrue(count(vectors, "<line ") >= 3 + pane.spaceTime().drawnArrows(),
                    "three lanes and a line per message: " + vectors);
            }
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
