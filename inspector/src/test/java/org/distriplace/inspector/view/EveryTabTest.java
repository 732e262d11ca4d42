package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.distriplace.core.model.Color;
import org.distriplace.core.sim.Invariant;
import org.distriplace.inspector.model.CausalKnowledge;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.PixelJourney;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every tab of the inspector, as a teacher opens it on a 1600×1000 screen with 3, 5 and 9 simulated nodes: each
 * shows every node, shows what it is for, and cuts no label short.
 */
@ExtendWith(ApplicationExtension.class)
class EveryTabTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static Set<Integer> ids(int nodes) {
        Set<Integer> ids = new TreeSet<>();
        for (int id = 1; id <= nodes; id++) {
            ids.add(id);
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void everyTabShowsEveryNodeAndCutsNothingShort(int nodes, FxRobot robot) throws Exception {
        DemoPane demo = WaitForAsyncUtils.asyncFx(() -> DemoPane.show(stage, nodes, 11, 1600, 1000)).get();
        InspectorPane pane = demo.pane;
        demo.frames(100, 200);
        WaitForAsyncUtils.asyncFx(() -> demo.cluster.place(1, "ada", 4, 5, Color.of("#2450A4"))).get();
        demo.frames(10, 200);
        List<String> cut = new ArrayList<>();

        Parent clocks = DemoPane.selectTab(robot, pane, "Vector clocks");
        assertEquals(nodes, pane.clocks().rows().size(), "a clock row per node");
        assertEquals(nodes, pane.clocks().knowledgeRows().size(), "a knowledge row per node");
        for (CausalKnowledge.Row row : pane.clocks().knowledgeRows()) {
            long version = pane.clocks().rows().stream().filter(r -> r.node() == row.node()).findFirst()
                .orElseThrow().committedWrites();
            assertEquals(version, row.total(), "n" + row.node() + "'s knowledge counts every write it holds");
            assertEquals(0, row.unknownOrigin(), "watched from the start: every origin known");
        }
        cut.addAll(ShownInFull.cutShort(clocks));

        Parent rounds = DemoPane.selectTab(robot, pane, "2PC rounds");
        TableView<?> table = robot.lookup("#rounds-table").queryAs(TableView.class);
        Set<String> headers = table.getColumns().stream().map(TableColumn::getText).collect(Collectors.toSet());
        assertTrue(headers.containsAll(ids(nodes).stream().map(id -> "n" + id).toList()), "a vote column per node: "
            + headers);
        double widths = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(widths <= table.getWidth() + 1, "every column in view: " + widths + " of " + table.getWidth());
        CommitRound committed = pane.rounds().rounds().stream()
            .filter(r -> r.outcome() == CommitRound.Outcome.COMMIT).findFirst().orElseThrow();
        assertTrue(committed.votes().size() > nodes / 2, "a majority's votes shown: " + committed.votes());
        cut.addAll(ShownInFull.cutShort(rounds));

        Parent heartbeats = DemoPane.selectTab(robot, pane, "Heartbeats");
        assertEquals(nodes * (nodes - 1), pane.heartbeats().fractions().size(), "a bar for each node hearing each");
        cut.addAll(ShownInFull.cutShort(heartbeats));

        Parent spaceTime = DemoPane.selectTab(robot, pane, "Space-time");
        assertTrue(pane.spaceTime().drawnArrows() > 0, "messages drawn");
        String diagram = pane.spaceTime().svg();
        for (int id : ids(nodes)) {
            assertTrue(diagram.contains(">n" + id + "<"), "a line for n" + id);
        }
        cut.addAll(ShownInFull.cutShort(spaceTime));

        Parent log = DemoPane.selectTab(robot, pane, "Event log");
        Set<Integer> logged = pane.log().lines().stream().map(line -> line.event().node()).collect(
            Collectors.toCollection(TreeSet::new));
        assertEquals(ids(nodes), logged, "every node's events in the log");
        cut.addAll(ShownInFull.cutShort(log));

        Parent invariants = DemoPane.selectTab(robot, pane, "Invariants");
        assertEquals(Invariant.values().length, invariants.lookupAll(".invariant-ok").stream()
            .filter(row -> row.getId() != null && row.getId().startsWith("invariant-")).count(), "every one green");
        cut.addAll(ShownInFull.cutShort(invariants));

        PixelJourney journey = WaitForAsyncUtils.asyncFx(() -> pane.follow(4, 5)).get().orElseThrow();
        WaitForAsyncUtils.waitForFxEvents();
        Parent follow = DemoPane.selectTab(robot, pane, "Follow a pixel");
        assertEquals(ids(nodes), journey.reached(), "the pixel reached every replica");
        assertFalse(robot.lookup("#journey").queryListView().getItems().isEmpty());
        cut.addAll(ShownInFull.cutShort(follow));

        assertTrue(pane.graph().svg().contains(">n" + nodes + "<"), "the graph draws every node");
        assertEquals(List.of(), cut, "nothing cut short at " + nodes + " nodes");
    }
}
