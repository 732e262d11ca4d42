package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.CausalKnowledge;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.WriteClocks;
import org.distriplace.inspector.feed.LessonRunner;
import org.distriplace.inspector.feed.Lessons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The vector-clock tab alone in 600×500 px, over a simulated cluster where only this test paints: players paint
 * through n1, n2 and n3, and every node's row says how many writes placed through each it holds, in normal and
 * presentation type, nothing cut short.
 */
@ExtendWith(ApplicationExtension.class)
class CausalKnowledgeViewTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** The cluster, the model fed from it, and the tab drawing the model. */
    private record Shown(SimulatedCluster cluster, EventInbox inbox, InspectorModel model, VectorClockView view) {

        /** Runs {@code frames} frames of 100 ms of cluster time, until {@code done} (checked after each). */
        boolean runUntil(int frames, BooleanSupplier done) throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> {
                for (int i = 0; i < frames; i++) {
                    cluster.advance(100);
                    inbox.drainTo(model, 1_000_000);
                    model.advanceTo(cluster.now());
                    if (done.getAsBoolean()) {
                        view.refresh(model, model.now());
                        return true;
                    }
                }
                view.refresh(model, model.now());
                return false;
            }).get();
        }
    }

    private Shown show(int nodes, boolean presentation) throws Exception {
        Shown shown = WaitForAsyncUtils.asyncFx(() -> {
            EventInbox inbox = new EventInbox(1_000_000);
            // No simulated players: only the writes this test places, so every count is known.
            SimulatedCluster cluster = new SimulatedCluster(new DemoSettings(nodes, 7, 32, 0, 2_500,
                1_000, 3_000, new LinkConditions(0, 10, 40, 0, false)), inbox);
            cluster.setSpeed(1);
            VectorClockView view = new VectorClockView();
            view.fontSizeProperty().set(presentation ? InspectorPane.PRESENTATION_FONT_SIZE : InspectorPane.FONT_SIZE);
            // As in the inspector: the views sit in its tabs, whose type presentation mode makes larger.
            StackPane tabs = new StackPane(view);
            tabs.getStyleClass().add("inspector-views");
            StackPane root = new StackPane(tabs);
            root.getStyleClass().add("inspector");
            if (presentation) {
                root.getStyleClass().add("presentation");
            }
            root.getStylesheets().add(Objects.requireNonNull(InspectorPane.class.getResource(
                "/org/distriplace/inspector/inspector.css")).toExternalForm());
            stage.setScene(new Scene(root, 600, 500));
            stage.show();
            return new Shown(cluster, inbox, new InspectorModel(), view);
        }).get();
        assertTrue(shown.runUntil(200, () -> shown.cluster().leader().isPresent()), "a leader within 20 s");
        return shown;
    }

    @ParameterizedTest
    @CsvSource({"5, false", "5, true", "9, false", "9, true"})
    void everyNodeShowsHowManyWritesPlacedThroughEachNodeItHolds(int nodes, boolean presentation, FxRobot robot)
        throws Exception {
        Shown shown = show(nodes, presentation);
        List<CompletableFuture<PlaceResult>> placed = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            SimulatedCluster cluster = shown.cluster();
            placed.add(cluster.place(1, "ada", 1, 1, Color.of("#FF4500")));
            // Two players take the same pixel at once, through n1 and through n2: concurrent writes.
            placed.add(cluster.place(1, "bob", 2, 1, Color.of("#FF4500")));
            placed.add(cluster.place(2, "cy", 2, 1, Color.of("#2450A4")));
            for (int x = 3; x <= 5; x++) {
                placed.add(cluster.place(3, "dee" + x, x, 1, Color.of("#FFD635")));
            }
        }).get();
        VectorClock expected = VectorClock.of(Map.of(1, 2L, 2, 1L, 3, 3L));
        assertTrue(shown.runUntil(100, () -> placed.stream().allMatch(CompletableFuture::isDone)
            && shown.model().knowledge().rows().size() == nodes
            && shown.model().knowledge().rows().stream().allMatch(row -> row.seen().equals(expected))),
            "every write committed on every node within 10 s: " + shown.model().knowledge().rows());
        // Let the highlight fade, so the picture shows the steady table too.
        shown.runUntil(20, () -> false);
        WaitForAsyncUtils.waitForFxEvents();

        VectorClockView view = shown.view();
        assertEquals(nodes, view.knowledgeRows().size(), "a row per node");
        for (CausalKnowledge.Row row : view.knowledgeRows()) {
            assertEquals(expected, row.seen(), "n" + row.node() + " holds n1's 2, n2's 1 and n3's 3");
            assertEquals(0, row.unknownOrigin());
        }
        TableView<?> table = robot.lookup("#knowledge-table").queryAs(TableView.class);
        List<String> headers = table.getColumns().stream().map(TableColumn::getText).toList();
        for (int id = 1; id <= nodes; id++) {
            assertTrue(headers.contains("n" + id), "an entry for every node, n" + id + ": " + headers);
        }
        List<WriteClocks.Stamped> writes = view.writeClocks();
        assertEquals(6, writes.size(), "the six writes, each with its clock");
        assertTrue(writes.stream().allMatch(s -> s.clock().isPresent()), "all were forwarded: " + writes);
        WriteClocks.Stamped later = writes.stream().filter(s -> s.relation() == WriteClocks.Relation.CONCURRENT)
            .findFirst().orElseThrow();
        String said = CausalKnowledgeView.pixel(later);
        assertTrue(robot.lookup("#write-clocks-table .table-cell").queryAllAs(Labeled.class).stream()
            .anyMatch(cell -> said.equals(cell.getText())), "the concurrent pair is said to be: " + said);

        Labeled cell = robot.lookup("#knowledge-table .table-cell").queryAllAs(Labeled.class).stream()
            .filter(c -> c.getText() != null && !c.getText().isEmpty()).findFirst().orElseThrow();
        assertEquals(presentation ? 20 : 12, cell.getFont().getSize(), 0.5, "the table's type follows the mode");
        ScrollPane page = robot.lookup("#clock-page").queryAs(ScrollPane.class);
        assertEquals(List.of(), ShownInFull.cutShort((Parent) page.getContent()),
            "nothing cut short at " + nodes + " nodes");

        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        String name = "clocks-knowledge" + (nodes == 5 ? "" : "-" + nodes) + (presentation ? "-presentation" : "");
        byte[] onScreen = WaitForAsyncUtils.asyncFx(() -> Pictures.png(view)).get();
        byte[] whole = WaitForAsyncUtils.asyncFx(() -> Pictures.png(page.getContent())).get();
        Files.write(dir.resolve(name + ".png"), onScreen);
        Files.write(dir.resolve(name + "-page.png"), whole);
    }

    /**
     * The lesson on the demo as a teacher plays it: at its third pause the tab shows the raced pixel's two writes
     * as concurrent, the later one winning.
     */
    @Test
    void theVectorClockLessonShowsTheRaceAsConcurrent(FxRobot robot) throws Exception {
        DemoPane demo = WaitForAsyncUtils.asyncFx(() -> DemoPane.show(stage, 5, 21, 1600, 1000)).get();
        InspectorPane pane = demo.pane;
        WaitForAsyncUtils.asyncFx(() -> pane.playLesson(Lessons.builtIn("vector-clocks"))).get();
        boolean atRace = false;
        for (int frame = 0; frame < 2_000 && !atRace; frame++) {
            demo.frames(1, 100);
            LessonRunner runner = pane.lesson().orElseThrow();
            if (runner.waiting() && runner.step() < 3) {
                WaitForAsyncUtils.asyncFx(runner::next).get();
            }
            atRace = runner.waiting() && runner.step() == 3;
        }
        assertTrue(atRace, "the lesson paused after the race");
        demo.frames(1, 0);
        List<WriteClocks.Stamped> concurrent = pane.clocks().writeClocks().stream()
            .filter(s -> s.relation() == WriteClocks.Relation.CONCURRENT).toList();
        assertEquals(1, concurrent.size(), "the race's later write, said concurrent: " + pane.clocks().writeClocks());
        String said = CausalKnowledgeView.pixel(concurrent.get(0));
        assertTrue(said.endsWith("wins"), said);
        assertTrue(robot.lookup("#write-clocks-table .table-cell").queryAllAs(Labeled.class).stream()
            .anyMatch(cell -> said.equals(cell.getText())), "shown: " + said);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve("clocks-lesson.png"), WaitForAsyncUtils.asyncFx(() -> Pictures.png(pane)).get());
    }
}
