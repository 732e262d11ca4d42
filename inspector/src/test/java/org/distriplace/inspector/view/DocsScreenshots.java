package org.distriplace.inspector.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.distriplace.core.model.Color;
import org.distriplace.inspector.feed.Lessons;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshots in docs/inspector.md: each view of the inspector on the simulated demo (5 nodes, 1600×1000).
 * Not a test: run it to draw them again, {@code mvn -q -pl inspector test -Dtest=DocsScreenshots
 * -Ddocs.screenshots=$PWD/docs/images -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "docs.screenshots", matches = ".+")
class DocsScreenshots {

    private DemoPane demo;
    private SimulatedCluster cluster;
    private InspectorPane pane;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 42, 1600, 1000);
        cluster = demo.cluster;
        pane = demo.pane;
    }

    private void run(int frames) throws Exception {
        demo.frames(frames, 50);
    }

    private void shoot(String tab, String name) throws Exception {
        Path dir = Path.of(System.getProperty("docs.screenshots"));
        Files.createDirectories(dir);
        WaitForAsyncUtils.asyncFx(() -> {
            if (tab != null) {
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) pane.lookup("#inspector-tabs");
                for (Tab t : tabs.getTabs()) {
                    if (t.getText().equals(tab)) {
                        tabs.getSelectionModel().select(t);
                    }
                }
            }
            pane.frame(0);
            return null;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            Files.write(dir.resolve("inspector-" + name + ".png"), Pictures.png(pane));
            return null;
        }).get();
    }

    /** The run branched: its leader crashed in B only, both run 8 s on, compared side by side. */
    private void shootBranches() throws Exception {
        RunsCompared compared = WaitForAsyncUtils.asyncFx(() -> {
            RunsCompared branches = new RunsCompared(cluster);
            Stage stage = new Stage();
            stage.setScene(new Scene(branches, 1600, 1000));
            stage.show();
            branches.runB().kill(branches.runB().leader().orElseThrow());
            branches.runBothTo(branches.runA().now() + 8_000);
            return branches;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            compared.frame(0);
            Files.write(Path.of(System.getProperty("docs.screenshots")).resolve("inspector-branches.png"),
                Pictures.png(compared));
            compared.getScene().getWindow().hide();
            return null;
        }).get();
        cluster.setPaused(false);
    }

    @Test
    void drawTheViews() throws Exception {
        run(200);
        WaitForAsyncUtils.asyncFx(() -> cluster.place(2, "ada", 10, 12, Color.of("#2450A4"))).get();
        run(10);
        shoot("Vector clocks", "clocks");
        shoot("2PC rounds", "rounds");
        shoot("Heartbeats", "heartbeats");
        shoot("Space-time", "space-time");
        shoot("Event log", "event-log");
        WaitForAsyncUtils.asyncFx(() -> pane.follow(10, 12)).get();
        shoot(null, "follow-a-pixel");
        WaitForAsyncUtils.asyncFx(() -> cluster.partition(List.of(Set.of(1, 2), Set.of(3, 4, 5)))).get();
        run(80);
        shoot("Invariants", "invariants");
        WaitForAsyncUtils.asyncFx(() -> cluster.heal()).get();
        run(200);
        shootBranches();
        WaitForAsyncUtils.asyncFx(() -> pane.playLesson(Lessons.builtIn("leader-crash"))).get();
        run(20);
        shoot("Vector clocks", "lesson");
        WaitForAsyncUtils.asyncFx(() -> pane.presentationProperty().set(true)).get();
        run(5);
        shoot(null, "presentation");
    }
}
