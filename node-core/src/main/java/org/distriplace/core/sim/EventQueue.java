package org.distriplace.core.sim;

import java.util.PriorityQueue;

/**
 * Virtual time: a priority queue of actions ordered by (time, insertion order), so equal-time events run in the
 * order they were scheduled and every run of a seed is identical.
 */
public final class EventQueue {

    private record Entry(long at, long seq, Runnable action) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
        (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private long executed;

    /** Current virtual time in milliseconds. */
    public long now() {
        return now;
    }

    public void schedule(long delayMs, Runnable action) {
        queue.add(new Entry(now + Math.max(0, delayMs), seq++, action));
    }

    /** Schedules {@code action}, which step-by-step viewers see as {@code label} ({@link #describeNext()}). */
    public void schedule(long delayMs, String label, Runnable action) {
        schedule(delayMs, new Labelled(label, action));
    }

    /** An action that describes itself by its label. */
    private record Labelled(String label, Runnable action) implements Runnable {
        @Override
        public void run() {
            action.run();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** An exponentially distributed wait of mean {@code mean}, at least 1 ms: the gaps of a Poisson process. */
    static long exponential(java.util.Random random, long mean) {
        return Math.max(1, (long) (-mean * Math.log(1 - random.nextDouble())));
    }

    public void scheduleAt(long at, Runnable action) {
        queue.add(new Entry(Math.max(now, at), seq++, action));
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} when none is queued. */
    public long nextAt() {
        Entry next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.at;
    }

    /** Runs the next event; false when the queue is empty. */
    public boolean runNext() {
        Entry next = queue.poll();
        if (next == null) {
            return false;
        }
        now = next.at;
        executed++;
        next.action.run();
        return true;
    }

    /**
     * What the next event is and when it runs ({@code "12.340s deliver PREPARE n5->n2"}), or empty when none is
     * queued; actions describe themselves through {@code toString}, so labelling costs nothing until asked.
     */
    public String describeNext() {
        Entry next = queue.peek();
        return next == null ? "" : String.format(java.util.Locale.ROOT, "%.3fs %s", next.at / 1000.0, next.action);
    }

    public long executed() {
        return executed;
    }

    public int pending() {
        return queue.size();
    }
}
