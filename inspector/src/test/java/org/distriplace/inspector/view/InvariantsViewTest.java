package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.distriplace.core.sim.Invariant;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live invariants in the simulated demo: all green, and a cut-off minority told why it cannot commit. */
@ExtendWith(ApplicationExtension.class)
class InvariantsViewTest {

    private DemoPane demo;
    private SimulatedCluster cluster;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 3, 1400, 900);
        cluster = demo.cluster;
    }

    private void run(int frames) throws Exception {
        demo.frames(frames, 200);
        demo.frames(1, 0);
    }

    private static List<String> lines(FxRobot robot) {
        return robot.lookup("#invariants .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void everyInvariantShowsGreenAndACutOffMinorityIsToldWhyItCannotCommit(FxRobot robot) throws Exception {
        robot.clickOn("Invariants");
        run(50);
        List<String> healthy = lines(robot);
        assertEquals(Invariant.values().length + 3, healthy.size(), "two headings, the majorities line, every invariant: "
            + healthy);
        assertTrue(healthy.stream().noneMatch(line -> line.contains("broken")), healthy.toString());
        assertTrue(healthy.contains("Every running node reaches a majority: writes can commit."), healthy.toString());
        assertTrue(robot.lookup("#invariant-4").queryAs(Label.class).getStyleClass().contains("invariant-ok"));

        WaitForAsyncUtils.asyncFx(() -> cluster.partition(List.of(Set.of(1, 2), Set.of(3, 4, 5)))).get();
        run(40);
        List<String> cut = lines(robot);
        assertTrue(cut.stream().anyMatch(line -> line.startsWith("n1 reaches 2 of 5 nodes")), cut.toString());
        assertTrue(cut.stream().anyMatch(line -> line.startsWith("n2 reaches 2 of 5 nodes")), cut.toString());
        assertTrue(cut.stream().noneMatch(line -> line.startsWith("n3 reaches")), "the majority side commits: " + cut);
        assertTrue(cut.stream().noneMatch(line -> line.contains("broken")), cut.toString());
    }
}
