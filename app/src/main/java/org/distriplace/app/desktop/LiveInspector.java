package org.distriplace.app.desktop;

import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.runtime.Node;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.RemoteNodes;
import org.distriplace.inspector.view.InspectorPane;

/**
 * The inspector beside the desktop app's canvas: the running node's events through the tap, and its report four
 * times a second (whichever node the window shows now, after a join too), plus any nodes on other machines added
 * through the form on top. Time is real here: no pause or step.
 */
public final class LiveInspector {

    private static final Duration REPORT_EVERY = Duration.millis(250);

    private final EventTap.Subscription events;
    private final EventInbox inbox = new EventInbox(200_000);
    private final RemoteNodes remote;
    private final InspectorPane pane;
    private final Timeline reports;

    /** @param secret this node's cluster secret, offered first when watching other nodes */
    LiveInspector(EventTap tap, Supplier<Node> node, String secret) {
        this.remote = new RemoteNodes(inbox, secret);
        this.pane = new InspectorPane(new InspectorSource("This node, live", inbox, System::currentTimeMillis,
            null, null, remote));
        events = tap.subscribe(inbox);
        reports = new Timeline(new KeyFrame(REPORT_EVERY, e -> {
            Node current = node.get();
            if (!current.isClosed()) {
                current.report().thenAccept(inbox::report);
            }
        }));
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
