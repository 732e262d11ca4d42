package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.CommitRound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Demo mode as a presenter uses it: five simulated nodes, the leader killed from its button, then time stepped
 * with the Step button one event at a time until the graph crowns a new leader; painting through a replica.
 */
@ExtendWith(ApplicationExtension.class)
class SimulatedDemoWindowTest {

    private SimulatedCluster cluster;
    private SimulatedDemoWindow window;

    @Start
    void start(Stage stage) {
        EventInbox inbox = new EventInbox(1_000_000);
        cluster = new SimulatedCluster(DemoSettings.demo(5, 11), inbox);
        cluster.setSpeed(1);
        window = new SimulatedDemoWindow(cluster, inbox, 5);
        // No timers: the test moves time itself, frame by frame.
        stage.setScene(DesktopApp.scene(window));
        stage.setWidth(1150);
        stage.setHeight(760);
        stage.show();
    }

    /** Unfolds the fault panel, as a teacher clicks its title (it starts folded where the graph has little room). */
    static void unfoldFaults(FxRobot robot) {
        javafx.scene.control.TitledPane faults = robot.lookup("#faults").queryAs(javafx.scene.control.TitledPane.class);
        if (!faults.isExpanded()) {
            robot.clickOn(faults.lookup(".title"));
        }
        assertTrue(faults.isExpanded(), "the fault panel unfolds");
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private void frames(int count) throws Exception {
        fx(() -> {
            for (int i = 0; i < count; i++) {
                window.inspector().frame(50);
            }
            return null;
        });
    }

    private int shownLeader() {
        return window.inspector().model().cluster().leaders().stream().findFirst().map(ClusterState.NodeState::id)
            .orElse(0);
    }

    @Test
    void killingTheLeaderThenSteppingOneEventAtATimeShowsTheNewLeader(FxRobot robot) throws Exception {
        frames(100);
        assertEquals(5, shownLeader());
        assertTrue(robot.lookup("#node-5").query().getStyleClass().contains("leader"));

        robot.clickOn("#pause");
        unfoldFaults(robot);
        robot.clickOn("#toggle-5");
        frames(1);
        assertTrue(robot.lookup("#node-5").query().getStyleClass().contains("down"));
        assertEquals("Restart n5", robot.lookup("#toggle-5").queryButton().getText());

        Button step = robot.lookup("#step").queryButton();
        int steps = fx(() -> {
            int n = 0;
            while (shownLeader() == 0 || shownLeader() == 5) {
                step.fire();
                window.inspector().frame(0);
                if (++n > 20_000) {
                    break;
                }
            }
            return n;
        });
        assertTrue(steps < 20_000, "a new leader within 20 000 single steps");
        assertEquals(4, shownLeader());
        assertTrue(robot.lookup("#node-4").query().getStyleClass().contains("leader"));
        assertFalse(robot.lookup("#node-5").query().getStyleClass().contains("leader"));
        assertTrue(robot.lookup("#next-event").queryLabeled().getText().startsWith("next: "));
    }

    @Test
    void clickingAReplicaPaintsThroughThatNodeAndTheRoundCommits(FxRobot robot) throws Exception {
        frames(60);
        long before = window.inspector().model().rounds().newestFirst().stream()
            .filter(r -> r.outcome() == CommitRound.Outcome.COMMIT).count();
        fx(() -> {
            window.paint(2, 3, 4);
            return null;
        });
        frames(20);
        CanvasImage replica = cluster.view(2).orElseThrow().canvas();
        assertTrue(replica.colorIndexAt(3, 4) != replica.palette().backgroundIndex(), "painted through n2");
        assertTrue(window.inspector().model().rounds().newestFirst().stream()
            .filter(r -> r.outcome() == CommitRound.Outcome.COMMIT).count() > before);
        assertTrue(robot.lookup("#replica-2").tryQuery().isPresent());
    }

    /** A replica zoomed for the back of the room: a window of its own, large, and painting through its node. */
    @Test
    void aZoomedReplicaIsLargeAndPaintsThroughItsNode(FxRobot robot) throws Exception {
        frames(60);
        robot.clickOn("#zoom-replica-3");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node zoomed = robot.lookup("#zoomed-replica-3").query();
        assertTrue(zoomed.getBoundsInParent().getWidth() >= 600, "large: " + zoomed.getBoundsInParent());
        robot.clickOn(zoomed);
        frames(20);
        CanvasImage replica = cluster.view(3).orElseThrow().canvas();
        int painted = 0;
        for (int y = 0; y < replica.height(); y++) {
            for (int x = 0; x < replica.width(); x++) {
                painted += replica.colorIndexAt(x, y) != replica.palette().backgroundIndex() ? 1 : 0;
            }
        }
        assertTrue(painted > 0, "the click painted through n3");
        fx(() -> {
            ((Stage) zoomed.getScene().getWindow()).close();
            return null;
        });
    }

    /** Right-clicking a replica follows that pixel in the inspector. */
    @Test
    void rightClickingAReplicaFollowsThePixel(FxRobot robot) throws Exception {
        frames(60);
        fx(() -> {
            window.paint(2, 0, 0);
            return null;
        });
        frames(20);
        // The replica draws its 32 pixels as blocks from its top-left corner: that corner's pixel is (0, 0).
        javafx.scene.Node image = robot.lookup("#replica-view-2").query();
        double half = image.getBoundsInLocal().getWidth() / 2;
        robot.moveTo(image).moveBy(-half + 2, -half + 2);
        robot.clickOn(javafx.scene.input.MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        String heading = robot.lookup("#journey-heading").queryLabeled().getText();
        assertTrue(heading.startsWith("(0,0): "), heading);
        assertFalse(robot.lookup("#journey").queryListView().getItems().isEmpty(), "the journey is listed");
    }

    @Test
    void aTeacherRemovesAKilledNodeFromTheFaultPanel(FxRobot robot) throws Exception {
        frames(100);
        unfoldFaults(robot);
        robot.clickOn("#toggle-1");
        fx(() -> {
            robot.lookup("#remove-node").<javafx.scene.control.ChoiceBox<String>>query().setValue("n1");
            // The unfolded panel scrolls where the window is short: the teacher scrolls down to its last row.
            robot.lookup("#faults .scroll-pane").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1);
            return null;
        });
        robot.clickOn("#remove-member");
        for (int i = 0; i < 100 && !robot.lookup("#membership-status").queryLabeled().getText().contains("removed");
             i++) {
            frames(5);
        }
        assertEquals("n1 removed: configuration 1 is [2, 3, 4, 5]",
            robot.lookup("#membership-status").queryLabeled().getText());
    }
}
