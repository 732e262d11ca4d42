package org.distriplace.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's event sink with taps: every event goes to the base sink (the log, say) and to each subscriber of the
 * moment (an inspector beside the canvas, remote inspectors over WebSocket). Per-message events are built only while
 * someone wants them, so a node nobody inspects pays nothing for them. Thread-safe; subscribers must not block.
 */
public final class EventTap implements EventSink {

    /** Ends one subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final EventSink base;
    private final List<EventSink> subscribers = new CopyOnWriteArrayList<>();

    public EventTap(EventSink base) {
        this.base = base;
    }

    /** Sends every event to {@code subscriber} from now until the subscription is closed. */
    public Subscription subscribe(EventSink subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void emit(NodeEvent event) {
        base.emit(event);
        for (EventSink subscriber : subscribers) {
            subscriber.emit(event);
        }
    }

    @Override
    public boolean wantsMessages() {
        if (base.wantsMessages()) {
            return true;
        }
        for (EventSink subscriber : subscribers) {
            if (subscriber.wantsMessages()) {
                return true;
            }
        }
        return false;
    }
}
