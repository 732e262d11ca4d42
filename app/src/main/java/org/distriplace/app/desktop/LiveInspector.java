package org.distriplace.app.desktop;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.distriplace.app.runtime.RealFaults;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.runtime.Node;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.RemoteNodes;
import org.distriplace.inspector.view.InspectorPane;

/**
 * The inspector on real nodes running in this process (the desktop app's one node, or a loopback demo's cluster):
 * their events through the tap, each running node's report four times a second, the fault panel acting on their
 * real links, plus any nodes on other machines added through the form on top. Time is real: no pause or step.
 */
public final class LiveInspector {

    private static final Duration REPORT_EVERY = Duration.millis(250);

    private final EventTap.Subscription events;
    private final EventInbox inbox = new EventInbox(200_000);
    private final RemoteNodes remote;
    private final InspectorPane pane;
    private final Timeline reports;

    /**
     * @param nodes  the nodes running here now (after a join or a restart too)
     * @param faults the fault panel's hands on those nodes' links
     * @param secret the cluster secret, offered first when watching other nodes
     */
    LiveInspector(String title, EventTap tap, Supplier<List<Node>> nodes, RealFaults faults, String secret) {
        this.remote = new RemoteNodes(inbox, secret);
        this.pane = new InspectorPane(new InspectorSource(title, inbox, System::currentTimeMillis, faults, null,
            remote));
        events = tap.subscribe(inbox);
        reports = new Timeline(new KeyFrame(REPORT_EVERY, e -> nodes.get().stream().filter(n -> !n.isClosed())
            .forEach(n -> n.report().thenAccept(inbox::report))));
        reports.setCycleCount(Timeline.INDEFINITE);
        reports.play();
        pane.start();
    }

    public InspectorPane pane() {
        return pane;
    }

    void close() {
        events.close();
        remote.close();
        reports.stop();
        pane.stop();
    }
}
