package org.distriplace.inspector.feed;

/**
 * Control of time, where the inspector owns it (a simulated cluster, a trace being replayed): pause, step one
 * event, and run faster or slower than real time.
 */
public interface Playback {

    boolean isPaused();

    void setPaused(boolean paused);

    /** Runs exactly one event (a message delivery or a timer); false when nothing is left. */
    boolean step();

    /**
     * Goes back one event, to exactly the state before it (where the source can: a deterministic simulation); the
     * source's events start again from the beginning, so the caller clears what it showed. False when it cannot.
     */
    default boolean stepBack() {
        return false;
    }

    /** True when {@link #stepBack()} can work. */
    default boolean canStepBack() {
        return false;
    }

    /** What {@link #step()} would run next, and when; empty when nothing is left. */
    String next();

    /** Cluster milliseconds per real millisecond (1 is real time, 0.1 is ten times slower). */
    double speed();

    void setSpeed(double factor);

    /** {@code factor}, if it is a speed (positive); refused otherwise. */
    static double checkedSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed is positive, not " + factor);
        }
        return factor;
    }

    /** Lets {@code realMs} of real time pass (ignored while paused); called once per frame. */
    void advance(long realMs);

    /** The cluster's current time, in ms. */
    long now();
}
