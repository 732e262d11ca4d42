package org.distriplace.app.desktop;

import javafx.animation.AnimationTimer;
import javafx.scene.layout.BorderPane;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.view.InspectorPane;

/**
 * Demo mode's window: the inspector over a simulated cluster (pause, step, slow motion, faults, scenarios), and
 * every node's replica along the bottom to paint through and to watch diverge and converge.
 */
public final class SimulatedDemoWindow extends BorderPane {

    private static final long REPLICA_REFRESH_NANOS = 200_000_000L;

    private final InspectorPane inspector;
    private final ReplicaStrip replicas;
    private final AnimationTimer replicaTimer;

    public SimulatedDemoWindow(SimulatedCluster cluster, EventInbox inbox, int nodes) {
        inspector = new InspectorPane(InspectorSource.of("Demo: " + nodes + " simulated nodes", cluster, inbox));
        replicas = new ReplicaStrip(cluster, inspector::follow);
        setCenter(inspector);
        setBottom(replicas);
        // The replicas share the window with the picture: they shrink to fit its width and a share of its height.
        widthProperty().addListener(o -> replicas.fit(getWidth(), getHeight()));
        heightProperty().addListener(o -> replicas.fit(getWidth(), getHeight()));
        inspector.presentationProperty().addListener((o, was, on) -> {
            replicas.getStyleClass().remove("presentation");
            if (on) {
                replicas.getStyleClass().add("presentation");
            }
        });
        replicaTimer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last >= REPLICA_REFRESH_NANOS) {
                    last = now;
                    replicas.refresh();
                }
            }
        };
        replicas.refresh();
    }

    /** Starts time flowing (the inspector's frames) and the replicas' redraws. */
    public void start() {
        inspector.start();
        replicaTimer.start();
    }

    public void close() {
        inspector.stop();
        replicaTimer.stop();
    }

    public InspectorPane inspector() {
        return inspector;
    }

    /** Redraws the replicas now (their timer does it five times a second). */
    void refreshReplicas() {
        replicas.refresh();
    }

    void paint(int node, int x, int y) {
        replicas.paint(node, x, y);
    }
}
