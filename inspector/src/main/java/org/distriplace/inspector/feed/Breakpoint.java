package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.distriplace.core.event.NodeEvent;

/**
 * Where a simulated run pauses itself: right after the first event following which a condition holds (judged on
 * the events that step made), or at a moment of cluster time. A lesson sets one for each step, so the demo stops on
 * the very event its caption talks about rather than at the end of the frame it fell in.
 */
final class Breakpoint {

    private Predicate<List<NodeEvent>> when;
    private long atMs = Long.MAX_VALUE;
    private final List<NodeEvent> stepEvents = new ArrayList<>();
    private boolean collecting;
    private boolean hit;

    void set(Predicate<List<NodeEvent>> condition, long at) {
        when = condition;
        atMs = at;
        hit = false;
    }

    void clear() {
        when = null;
        atMs = Long.MAX_VALUE;
        hit = false;
    }

    boolean active() {
        return when != null;
    }

    /** The cluster time the run stops at, at the latest ({@link Long#MAX_VALUE} for none). */
    long atMs() {
        return active() ? atMs : Long.MAX_VALUE;
    }

    /** The simulation's event listener: keeps the events of the step being judged, and only those. */
    void heard(NodeEvent event) {
        if (collecting) {
            stepEvents.add(event);
        }
    }

    /** Runs one {@code step} of the simulation and judges what it did; true if it ran an event. */
    boolean judge(BooleanSupplier step) {
        if (!active()) {
            return step.getAsBoolean();
        }
        stepEvents.clear();
        collecting = true;
        boolean ran;
        try {
            ran = step.getAsBoolean();
        } finally {
            collecting = false;
        }
        if (ran && when.test(stepEvents)) {
            reached();
        }
        stepEvents.clear();
        return ran;
    }

    /** The moment came (its condition, or its time): it stops being active and says so once. */
    void reached() {
        when = null;
        hit = true;
    }

    /** Whether the moment came since this was last asked (or set). */
    boolean hit() {
        return hit;
    }

    boolean takeHit() {
        boolean was = hit;
        hit = false;
        return was;
    }
}
