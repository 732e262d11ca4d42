package org.distriplace.edge;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * What an edge counts, for its metrics: placements by outcome, how long the placed ones took (Redis, then the log),
 * and the upkeep's work. Counting never blocks; the metrics read these where they are scraped. Thread-safe.
 */
public final class EdgeCounters {

    final LongAdder placed = new LongAdder();
    final LongAdder coolingDown = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder notLogged = new LongAdder();
    final LongAdder swept = new LongAdder();
    final LongAdder rebuilds = new LongAdder();
    final LongAdder mirrorLoads = new LongAdder();
    private volatile LongConsumer placeNanos = nanos -> { };

    /** Placements acknowledged: ordered by Redis and in the log. */
    public long placed() {
        return placed.sum();
    }

    /** Placements refused for the player's cooldown. */
    public long coolingDown() {
        return coolingDown.sum();
    }

    /** Placements refused because a service was down, the canvas was being rebuilt, or the edge was busy. */
    public long refused() {
        return refused.sum();
    }

    /** Placements Redis ordered that the log did not take in time (503; the outbox logs them later). */
    public long notLogged() {
        return notLogged.sum();
    }

    /** Placements the upkeep took from the outboxes into the log (their edge died, or the log had failed). */
    public long swept() {
        return swept.sum();
    }

    /** Times this edge rebuilt the canvas in Redis from the log (Redis had lost it; not its first making). */
    public long rebuilds() {
        return rebuilds.sum();
    }

    /** Times this edge loaded the whole canvas from Redis (at start, and after a gap in what Redis published). */
    public long mirrorLoads() {
        return mirrorLoads.sum();
    }

    /** Tells {@code listener} how long each acknowledged placement took, in nanoseconds. */
    public void onPlaceTime(LongConsumer listener) {
        this.placeNanos = listener;
    }

    void took(long nanos) {
        placeNanos.accept(nanos);
    }
}
