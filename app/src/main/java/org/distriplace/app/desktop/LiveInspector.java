package org.distriplace.app.desktop;

import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.distriplace.app.runtime.InspectorTap;
import org.distriplace.core.runtime.Node;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.view.InspectorPane;

/**
 * The inspector beside the desktop app's canvas: the running node's events through the tap, and its report four
 * times a second (whichever node the window shows now, after a join too). Time is real here: no pause or step.
 */
public final class LiveInspector {

    private static final Duration REPORT_EVERY = Duration.millis(250);

    private final InspectorTap tap;
    private final EventInbox inbox = new EventInbox(200_000);
    private final InspectorPane pane;
    private final Timeline reports;

    LiveInspector(InspectorTap tap, Supplier<Node> node) {
        this.tap = tap;
        this.pane = new InspectorPane(new InspectorSource("This node, live", inbox, System::currentTimeMillis,
            null, null));
        tap.open(inbox);
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
        tap.close();
        reports.stop();
        pane.stop();
    }
}
