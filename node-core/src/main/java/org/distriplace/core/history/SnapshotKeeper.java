package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.Hlc;

/**
 * Keeps snapshots of the canvas every {@link Policy#everyMs} of commit time (as seed 2 asks: 30 s), once that moment
 * has settled (the history has moved on by another interval, so late commits have arrived), and thins them with
 * age. A write that arrives stamped before a snapshot (history fetched after a catch-up, a late re-proposal) drops
 * the snapshots from its time on; they are computed again. Runs on one thread of its own ({@link #step}); told of
 * writes from the store's writer ({@link #arrived}).
 */
public final class SnapshotKeeper {

    /**
     * How often and how long snapshots are kept, by age relative to the newest one.
     *
     * @param everyMs        a snapshot every this much commit time (30 s)
     * @param keepAllMs      all snapshots younger than this are kept (1 hour)
     * @param thenEveryMs    older ones, up to {@code keepDayMs}, one per this much (5 minutes)
     * @param keepDayMs      beyond this age (1 day), one per {@code beyondEveryMs}
     * @param beyondEveryMs  (1 hour)
     */
    public record Policy(long everyMs, long keepAllMs, long thenEveryMs, long keepDayMs, long beyondEveryMs) {
        public Policy {
            if (everyMs < 1 || thenEveryMs % everyMs != 0 || beyondEveryMs % thenEveryMs != 0
                || keepAllMs < 0 || keepDayMs < keepAllMs) {
                throw new IllegalArgumentException("snapshot intervals must be positive and each a multiple of the "
                    + "one before, and the ages ascending");
            }
        }

        public static Policy defaults() {
            return new Policy(30_000, 3_600_000, 300_000, 86_400_000, 3_600_000);
        }

        /** Whether a snapshot at {@code ms} is kept when the newest is at {@code newestMs}. */
        boolean keeps(long ms, long newestMs) {
            long age = newestMs - ms;
            if (age < keepAllMs) {
                return true;
            }
            return age < keepDayMs ? ms % thenEveryMs == 0 : ms % beyondEveryMs == 0;
        }
    }

    /** At most this many snapshots are computed per step, so a long history is caught up in slices. */
    static final int PER_STEP = 64;

    private final History history;
    private final TimeMachine machine;
    private final SnapshotStore snapshots;
    private final Policy policy;
    private long generation;

    public SnapshotKeeper(History history, TimeMachine machine, SnapshotStore snapshots, Policy policy) {
        this.history = history;
        this.machine = machine;
        this.snapshots = snapshots;
        this.policy = policy;
    }

    /** Writes stamped from {@code earliest} on were just stored: snapshots from then on may miss them. */
    public synchronized void arrived(long earliest) {
        List<Long> times = snapshots.times();
        if (!times.isEmpty() && times.get(times.size() - 1) >= earliest) {
            generation++;
            snapshots.dropFrom(earliest);
        }
    }

    /** Computes the snapshots now due (up to {@link #PER_STEP}), then thins; returns how many it stored. */
    public int step() {
        HistoryReads.Range range = history.range();
        if (range.placements() == 0) {
            return 0;
        }
        long settledMs = Hlc.physical(range.last()) - policy.everyMs();
        int stored = 0;
        for (long ms = nextDueMs(range); ms <= settledMs && stored < PER_STEP; ms += policy.everyMs()) {
            long before;
            synchronized (this) {
                before = generation;
            }
            PastCanvas canvas = machine.at(Hlc.pack(ms, Hlc.LOGICAL_MASK));
            synchronized (this) {
                if (before != generation) {
                    return stored; // a late write changed the past under it: start again next step
                }
                snapshots.put(canvas);
            }
            stored++;
        }
        thin();
        return stored;
    }

    private long nextDueMs(HistoryReads.Range range) {
        List<Long> times = snapshots.times();
        if (times.isEmpty()) {
            long first = Hlc.physical(range.first());
            return (first / policy.everyMs() + 1) * policy.everyMs();
        }
        return Hlc.physical(times.get(times.size() - 1)) + policy.everyMs();
    }

    private synchronized void thin() {
        List<Long> times = snapshots.times();
        if (times.isEmpty()) {
            return;
        }
        long newestMs = Hlc.physical(times.get(times.size() - 1));
        List<Long> dropped = new ArrayList<>();
        for (long time : times) {
            if (!policy.keeps(Hlc.physical(time), newestMs)) {
                dropped.add(time);
            }
        }
        if (!dropped.isEmpty()) {
            snapshots.delete(dropped);
        }
    }
}
