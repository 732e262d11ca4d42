package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Step back in the demo's inspector: the views show the moment before the last event, as a fresh replay does. */
@ExtendWith(ApplicationExtension.class)
class StepBackTest {

    private InspectorPane pane;

    private DemoPane demo;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 3, 5, 1400, 900);
        pane = demo.pane;
    }

    /**
     * What the presenter sees: the clock, the next event, the header's event count (the same after stepping back
     * as before the step, not the replay added to it), the events taken in, and the clock table.
     */
    private String shown(FxRobot robot) throws Exception {
        // A frame, as the pane's timer draws one every screen refresh.
        WaitForAsyncUtils.asyncFx(() -> pane.frame(0)).get();
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#clock").queryAs(Label.class).getText() + " | "
            + robot.lookup("#next-event").queryAs(Label.class).getText() + " | "
            + robot.lookup("#inspector-status").queryAs(Label.class).getText() + " | " + pane.model().log().events().size()
            + " events | " + pane.clocks().rows().stream()
                .map(row -> "n" + row.node() + " " + row.version() + " " + row.stateHash()).toList();
    }

    @Test
    void stepBackShowsTheMomentBeforeTheLastEvent(FxRobot robot) throws Exception {
        demo.frames(30, 100);
        robot.clickOn("#pause");
        robot.clickOn("#step");
        String before = shown(robot);
        robot.clickOn("#step");
        String after = shown(robot);
        assertNotEquals(before, after);
        robot.clickOn("#step-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, shown(robot));
    }
}
