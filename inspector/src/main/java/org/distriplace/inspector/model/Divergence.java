package org.distriplace.inspector.model;

import java.util.Iterator;
import java.util.Optional;

/**
 * Where two runs of one cluster part: the first event, counted from the start of each run, that is not the same in
 * both. Two branches of a deterministic run tell the same story up to the moment one of them was changed, so
 * the first difference is where the change began to matter (a message not sent, a timer that fired elsewhere).
 */
public final class Divergence {

    /** The first pair of events that differ, as each run's event log holds them. */
    public record Difference(long seq, EventLog.Entry a, EventLog.Entry b) {
    }

    private Divergence() {
    }

    /**
     * The first event at which {@code a} and {@code b} differ, among the events both still hold (a log forgets its
     * oldest); empty while one is a prefix of the other.
     */
    public static Optional<Difference> first(EventLog a, EventLog b) {
        Iterator<EventLog.Entry> left = a.oldestFirst();
        Iterator<EventLog.Entry> right = b.oldestFirst();
        EventLog.Entry x = left.hasNext() ? left.next() : null;
        EventLog.Entry y = right.hasNext() ? right.next() : null;
        while (x != null && y != null) {
            if (x.seq() < y.seq()) {
                x = left.hasNext() ? left.next() : null;
            } else if (y.seq() < x.seq()) {
                y = right.hasNext() ? right.next() : null;
            } else if (!x.event().equals(y.event())) {
                return Optional.of(new Difference(x.seq(), x, y));
            } else {
                x = left.hasNext() ? left.next() : null;
                y = right.hasNext() ? right.next() : null;
            }
        }
        return Optional.empty();
    }
}
