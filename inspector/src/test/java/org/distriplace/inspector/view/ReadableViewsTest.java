package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The inspector as a teacher opens it, on a 1600×1000 screen with 3, 5 and 9 simulated nodes: every clock entry,
 * the canvas version and the state hash shown in full, and no label of the fault panel cut short.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableViewsTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private InspectorPane open(int nodes) throws Exception {
        return open(nodes, 1600, 1000);
    }

    private InspectorPane open(int nodes, int width, int height) throws Exception {
        AtomicReference<InspectorPane> shown = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            EventInbox inbox = new EventInbox(1_000_000);
            SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(nodes, 11), inbox);
            cluster.setSpeed(1);
            InspectorPane pane = new InspectorPane(InspectorSource.of("demo: " + nodes + " simulated nodes",
                cluster, inbox));
            stage.setScene(new Scene(pane, width, height));
            stage.show();
            // Twenty seconds of the cluster: a leader, and commits from it.
            for (int frame = 0; frame < 100; frame++) {
                pane.frame(200);
            }
            pane.frame(0);
            shown.set(pane);
            return null;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return shown.get();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void everyClockEntryTheCanvasVersionAndTheStateHashAreShownInFull(int nodes, FxRobot robot) throws Exception {
        InspectorPane pane = open(nodes);
        TableView<?> table = robot.lookup("#clock-table").queryAs(TableView.class);
        assertEquals(nodes, table.getItems().size(), "a row per node");
        List<String> headers = table.getColumns().stream().map(TableColumn::getText).toList();
        assertTrue(headers.contains("canvas version") && headers.contains("state hash"), headers.toString());
        assertTrue(headers.size() >= 4, "the clock has entries: " + headers);
        double widths = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(widths <= table.getWidth(), "every column in view without scrolling: " + widths + " of "
            + table.getWidth() + " px");
        assertEquals(List.of(), ShownInFull.cutShort(table));
        String hash = pane.clocks().rows().get(0).stateHash();
        assertFalse(robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
            .noneMatch(cell -> hash.equals(cell.getText())), "the whole state hash, " + hash + ", is shown");
    }

    /** As in the demo window, where the inspector shares the screen with the replicas. */
    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void theFaultPanelCutsNoLabelShortEvenBesideTheReplicas(int nodes, FxRobot robot) throws Exception {
        open(nodes, 1000, 800);
        assertEquals(List.of(), ShownInFull.cutShort((Parent) robot.lookup(".fault-panel").query()));
    }

    /** Presentation mode: large type and nodes, full screen, and still nothing cut short. */
    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void presentationModeIsLargeAndStillShowsEverythingInFull(int nodes, FxRobot robot) throws Exception {
        InspectorPane pane = open(nodes);
        robot.clickOn("#present");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.getStyleClass().contains("presentation"));
        assertTrue(stage.isFullScreen(), "full screen");
        Labeled cell = robot.lookup("#clock-table .table-cell").queryAllAs(Labeled.class).stream()
            .filter(c -> c.getText() != null && !c.getText().isEmpty()).findFirst().orElseThrow();
        assertTrue(cell.getFont().getSize() >= 20, "type read from the back: " + cell.getFont().getSize());
        assertTrue(pane.graph().radius() >= 45, "large nodes: " + pane.graph().radius());
        assertEquals(List.of(), ShownInFull.cutShort((Parent) robot.lookup("#clock-table").query()));
        assertEquals(List.of(), ShownInFull.cutShort((Parent) robot.lookup(".fault-panel").query()));
        robot.clickOn("#present");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isFullScreen());
        assertEquals(NodeGlyph.RADIUS, pane.graph().radius(), 0.01, "back to their usual size");
    }
}
