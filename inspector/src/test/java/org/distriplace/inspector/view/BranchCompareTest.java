package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.distriplace.inspector.model.ClusterState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Branch the demo's run and compare: the presenter crashes the leader in one copy only, runs both to the same
 * moment, and sees where they part and how differently each went on.
 */
@ExtendWith(ApplicationExtension.class)
class BranchCompareTest {

    private DemoPane demo;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 3, 1600, 1000);
    }

    @AfterEach
    void closeComparisons() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).stream()
            .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof RunsCompared)
            .forEach(Window::hide)).get();
    }

    private static Optional<Integer> leader(InspectorPane pane) {
        return pane.model().cluster().leaders().stream().map(ClusterState.NodeState::id).findFirst();
    }

    @Test
    void aLeaderCrashedInOneBranchOnlyElectsAnotherThereWhileTheOtherKeepsIts(FxRobot robot) throws Exception {
        demo.frames(40, 100);
        assertEquals(Optional.of(5), leader(demo.pane));
        long branchedAt = demo.cluster.eventsRun();
        long eventsShown = demo.pane.model().log().total();

        robot.clickOn("#branch");
        WaitForAsyncUtils.waitForFxEvents();
        RunsCompared compared = robot.lookup(".runs-compared").queryAs(RunsCompared.class);
        assertTrue(demo.cluster.isPaused(), "the run branched from waits");
        assertEquals(branchedAt, compared.runA().eventsRun());
        assertEquals(branchedAt, compared.runB().eventsRun());
        assertTrue(compared.parting().startsWith("Alike so far"), compared.parting());
        assertTrue(robot.lookup("#show-parting").queryAs(Button.class).isDisabled(), "nothing to show yet");
        for (InspectorPane side : List.of(compared.paneA(), compared.paneB())) {
            TabPane tabs = robot.from(side).lookup("#inspector-tabs").queryAs(TabPane.class);
            assertEquals("Space-time", tabs.getSelectionModel().getSelectedItem().getText(), "compared in time");
            assertEquals(Optional.of(5), leader(side), "both copies start with the leader the run had");
        }

        // The presenter crashes the leader in B, through B's own fault panel, then runs both 8 s on.
        Node nodeFive = robot.from(compared.paneB()).lookup("#toggle-5").query();
        robot.clickOn(nodeFive);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(compared.runB().isRunning(5));
        assertTrue(compared.runA().isRunning(5), "A is untouched");
        long until = compared.runA().now() + 8_000;
        WaitForAsyncUtils.asyncFx(() -> compared.runBothTo(until)).get();
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(compared.runA().now(), compared.runB().now(), "both at the same moment");
        assertEquals(Optional.of(5), leader(compared.paneA()));
        assertEquals(Optional.of(4), leader(compared.paneB()), "B elected the next highest");
        String parting = robot.lookup("#parted").queryAs(Label.class).getText();
        assertTrue(parting.startsWith("They part at event"), parting);
        assertTrue(compared.difference().orElseThrow().seq() > eventsShown, "the shared past is alike");
        assertTrue(parting.contains("crashed"), "B's side names the crash: " + parting);
        robot.clickOn("#show-parting");
        assertNotEquals("", compared.paneB().spaceTime().span());
        assertTrue(demo.cluster.isRunning(5), "the run it came from is untouched");
        assertEquals(branchedAt, demo.cluster.eventsRun());
    }

    @Test
    void bothResumeAndPauseTogether(FxRobot robot) throws Exception {
        demo.frames(20, 100);
        robot.clickOn("#branch");
        WaitForAsyncUtils.waitForFxEvents();
        RunsCompared compared = robot.lookup(".runs-compared").queryAs(RunsCompared.class);
        robot.clickOn("#pause-both");
        assertFalse(compared.runA().isPaused() || compared.runB().isPaused(), "both run");
        robot.clickOn("#pause-both");
        assertTrue(compared.runA().isPaused() && compared.runB().isPaused(), "both wait");
        long before = compared.runA().now();
        robot.clickOn("#step-both");
        assertTrue(compared.runA().now() > before || compared.runA().eventsRun() > 0);
        assertEquals(compared.runA().now(), compared.runB().now());
        assertTrue(compared.parting().startsWith("Alike so far"), "left alone, they never part: "
            + compared.parting());
    }
}
