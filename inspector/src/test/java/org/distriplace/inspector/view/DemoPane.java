package org.distriplace.inspector.view;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector over a simulated demo cluster, shown in a test's stage, run a frame at a time as its timer would. */
final class DemoPane {

    final SimulatedCluster cluster;
    final InspectorPane pane;

    private DemoPane(SimulatedCluster cluster, InspectorPane pane) {
        this.cluster = cluster;
        this.pane = pane;
    }

    /** A demo of {@code nodes} nodes (seed {@code seed}) at real-time speed, in a {@code width}×{@code height} scene. */
    static DemoPane show(Stage stage, int nodes, long seed, int width, int height) {
        return show(stage, DemoSettings.demo(nodes, seed), width, height);
    }

    /** A demo of {@code settings} at real-time speed, in a {@code width}×{@code height} scene. */
    static DemoPane show(Stage stage, DemoSettings settings, int width, int height) {
        int nodes = settings.nodes();
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster = new SimulatedCluster(settings, inbox);
        cluster.setSpeed(1);
        InspectorPane pane = new InspectorPane(InspectorSource.of("Demo: " + nodes + " simulated nodes", cluster,
            inbox));
        stage.setScene(new Scene(pane, width, height));
        stage.show();
        return new DemoPane(cluster, pane);
    }

    /** Brings the inspector's tab named {@code name} forward and lets it draw; returns its content. */
    static Parent selectTab(FxRobot robot, InspectorPane pane, String name) throws Exception {
        TabPane tabs = robot.lookup("#inspector-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> {
            tabs.getSelectionModel().select(tab);
            pane.frame(0);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return (Parent) tab.getContent();
    }

    /** Runs {@code count} frames of {@code realMs} each on the JavaFX thread, then lets a pulse draw them. */
    void frames(int count, long realMs) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < count; i++) {
                pane.frame(realMs);
            }
            return null;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
