package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A teacher plays a lesson from the inspector: its captions, its pauses at the interesting moment, Next, Stop. */
@ExtendWith(ApplicationExtension.class)
class LessonBarTest {

    private InspectorPane pane;

    @Start
    void start(Stage stage) {
        pane = DemoPane.show(stage, 5, 9, 1500, 950).pane;
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Frames until the lesson pauses (as the pane's timer would run them). */
    private void untilPaused(FxRobot robot) throws Exception {
        for (int i = 0; i < 400 && !text(robot, "#lesson-progress").contains("paused"); i++) {
            WaitForAsyncUtils.asyncFx(() -> pane.frame(100)).get();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aLessonNarratesPausesAtItsMomentsAndGoesOnWhenTheTeacherSays(FxRobot robot) throws Exception {
        robot.clickOn("#lessons").clickOn("When the leader crashes");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#lesson-progress").contains("step 1 of 8"), text(robot, "#lesson-progress"));
        assertTrue(text(robot, "#lesson-caption").contains("highest id"), text(robot, "#lesson-caption"));
        untilPaused(robot);
        assertTrue(text(robot, "#lesson-progress").contains("paused"));
        assertTrue(pane.source().playback().isPaused(), "the demo waits for the teacher");
        robot.clickOn("#lesson-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#lesson-progress").contains("step 2 of 8"), text(robot, "#lesson-progress"));
        assertTrue(text(robot, "#lesson-caption").contains("PREPARE"), text(robot, "#lesson-caption"));
        assertFalse(pane.source().playback().isPaused());
        robot.clickOn("#lesson-stop");
        WaitForAsyncUtils.waitForFxEvents();
        Await.until("the lesson bar gone", java.time.Duration.ofSeconds(5),
            () -> robot.lookup("#lesson-bar").tryQuery().isEmpty());
        assertTrue(pane.lesson().isEmpty());
    }

    @Test
    void aLessonOnShardsOnADemoOfOneShardSaysHowToStartOne(FxRobot robot) {
        robot.clickOn("#lessons").clickOn("Sharding: one canvas, many groups");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#inspector-status").contains("demo --nodes 9 --shards 3x3"),
            text(robot, "#inspector-status"));
        assertTrue(pane.lesson().isEmpty(), "nothing plays");
    }
}
