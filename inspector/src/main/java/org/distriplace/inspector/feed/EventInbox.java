package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;
import org.distriplace.inspector.model.InspectorModel;

/**
 * Where nodes hand their events and reports to the inspector, from any thread, without ever blocking them: a
 * bounded queue of events (when it is full, new events are dropped and counted) and the latest report of each
 * node. The inspector drains it into its model once per frame.
 */
public final class EventInbox implements EventSink {

    private final ArrayBlockingQueue<NodeEvent> events;
    private final Map<Integer, NodeReport> reports = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public EventInbox(int capacity) {
        this.events = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void emit(NodeEvent event) {
        received.incrementAndGet();
        if (!events.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    public void report(NodeReport report) {
        reports.merge(report.nodeId(), report, (old, neu) -> neu.at() >= old.at() ? neu : old);
    }

    /** Moves up to {@code max} events, then every pending report, into {@code model}; returns the events moved. */
    public int drainTo(InspectorModel model, int max) {
        List<NodeEvent> batch = new ArrayList<>(Math.min(max, events.size()));
        events.drainTo(batch, max);
        batch.forEach(model::accept);
        for (Integer node : List.copyOf(reports.keySet())) {
            NodeReport report = reports.remove(node);
            if (report != null) {
                model.accept(report);
            }
        }
        return batch.size();
    }

    /** Forgets everything waiting: the source tells its story again from the start (time went back). */
    public void clear() {
        events.clear();
        reports.clear();
    }

    /** Events waiting to be drawn: a growing backlog means the inspector lags. */
    public int backlog() {
        return events.size();
    }

    public long received() {
        return received.get();
    }

    /** Events lost because the inspector fell a whole queue behind. */
    public long dropped() {
        return dropped.get();
    }
}
