package org.distriplace.app.desktop.canvas;

/**
 * What drawing costs on the FX thread: pulses handled, pixel updates applied, and the time spent per pulse
 * (applying updates and marking the dirty region). Read by the desktop benchmark. Written on the FX thread.
 */
public final class FrameStats {

    private volatile long frames;
    private volatile long updates;
    private volatile long busyNanos;
    private volatile long maxNanos;

    void record(int updatesApplied, long nanos) {
        frames++;
        updates += updatesApplied;
        busyNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
    }

    /** A copy of the counters now. */
    public Snapshot snapshot() {
        return new Snapshot(frames, updates, busyNanos, maxNanos);
    }

    /**
     * Counters at one moment; {@link #since} gives the figures for an interval.
     *
     * @param maxNanos the slowest frame since the view started (an interval cannot be told its own maximum)
     */
    public record Snapshot(long frames, long updates, long busyNanos, long maxNanos) {

        /** The counts for the interval since {@code earlier}; {@code maxNanos} stays the worst since start. */
        public Snapshot since(Snapshot earlier) {
            return new Snapshot(frames - earlier.frames, updates - earlier.updates, busyNanos - earlier.busyNanos,
                maxNanos);
        }

        public double meanMillisPerFrame() {
            return frames == 0 ? 0 : busyNanos / 1e6 / frames;
        }
    }
}
