package org.distriplace.app.runtime;

import java.util.function.Consumer;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;

/**
 * The desktop node's event sink: notable events always go to the log; while the inspector is open, every event
 * (per-message ones included) also goes to it. Closed, the node builds no per-message events at all.
 */
public final class InspectorTap implements EventSink {

    private final Consumer<NodeEvent> log;
    private volatile EventSink inspector;

    public InspectorTap(Consumer<NodeEvent> log) {
        this.log = log;
    }

    /** Sends every event to {@code sink} from now on (the inspector's inbox, which never blocks). */
    public void open(EventSink sink) {
        inspector = sink;
    }

    public void close() {
        inspector = null;
    }

    @Override
    public void emit(NodeEvent event) {
        log.accept(event);
        EventSink open = inspector;
        if (open != null) {
            open.emit(event);
        }
    }

    @Override
    public boolean wantsMessages() {
        return inspector != null;
    }
}
