package org.distriplace.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;

/**
 * Who hears a simulation: the invariant checker first, then whoever listens to node events (the inspector) or
 * reads the trace (every event and the simulator's own actions as lines). Per-message events are built only while
 * someone listens or traces: they cost most of a run's time.
 */
final class SimObservers implements EventSink {

    private final EventQueue queue;
    private final InvariantChecker checker;
    private final List<Consumer<String>> traceListeners = new ArrayList<>();
    private final List<Consumer<NodeEvent>> eventListeners = new ArrayList<>();

    SimObservers(EventQueue queue, InvariantChecker checker) {
        this.queue = queue;
        this.checker = checker;
    }

    void addTraceListener(Consumer<String> listener) {
        traceListeners.add(listener);
    }

    void addEventListener(Consumer<NodeEvent> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void emit(NodeEvent event) {
        checker.onEvent(event);
        eventListeners.forEach(listener -> listener.accept(event));
        if (!traceListeners.isEmpty()) {
            String line = EventFormat.line(event);
            traceListeners.forEach(listener -> listener.accept(line));
        }
    }

    @Override
    public boolean wantsMessages() {
        return !traceListeners.isEmpty() || !eventListeners.isEmpty();
    }

    /** An event the simulator itself reports (a crashed engine says nothing): listeners hear it, not the checker. */
    void fromSimulator(NodeEvent event) {
        eventListeners.forEach(listener -> listener.accept(event));
    }

    /** One of the simulator's own actions, as a trace line. */
    void trace(String action) {
        if (!traceListeners.isEmpty()) {
            String line = String.format(Locale.ROOT, "%9.3fs sim %s", queue.now() / 1000.0, action);
            traceListeners.forEach(listener -> listener.accept(line));
        }
    }
}
