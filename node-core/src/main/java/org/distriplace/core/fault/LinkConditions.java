package org.distriplace.core.fault;

import java.util.function.DoubleSupplier;

/**
 * How a directed link treats messages: the one model of a misbehaving link, used by the simulator's network, by
 * faults injected into real nodes' links, and by the inspector's fault controls.
 *
 * @param dropProbability      chance a message is lost
 * @param minDelayMs           shortest delivery delay
 * @param maxDelayMs           longest delivery delay (uniform in between)
 * @param duplicateProbability chance a message is delivered twice
 * @param reorder              false keeps per-link FIFO order; true lets a later message overtake (the simulator;
 *                             real links keep TCP's order except where delays differ)
 */
public record LinkConditions(double dropProbability, long minDelayMs, long maxDelayMs,
                             double duplicateProbability, boolean reorder) {

    /** A link left as it is: nothing lost, nothing added. */
    public static final LinkConditions NONE = new LinkConditions(0, 0, 0, 0, false);

    /** A healthy LAN link in the simulator: 1-5 ms, nothing lost, in order. */
    public static final LinkConditions HEALTHY = new LinkConditions(0, 1, 5, 0, false);

    public LinkConditions {
        if (dropProbability < 0 || dropProbability > 1 || duplicateProbability < 0 || duplicateProbability > 1) {
            throw new IllegalArgumentException("probabilities are in [0, 1]");
        }
        if (minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("need 0 <= min delay <= max delay");
        }
    }

    /** What the inspector's fault panel sets: {@code dropPercent} % lost (0-100), the rest held {@code delayMs}. */
    public static LinkConditions lossAndDelay(int dropPercent, long delayMs) {
        if (dropPercent < 0 || dropPercent > 100 || delayMs < 0) {
            throw new IllegalArgumentException("drop is 0-100 %, delay at least 0 ms");
        }
        return new LinkConditions(dropPercent / 100.0, delayMs, delayMs, 0, false);
    }

    /** The loss in whole percent. */
    public int dropPercent() {
        return (int) Math.round(dropProbability * 100);
    }

    /**
     * These conditions laid over a link's own: this loss and duplication, both delays added (the demo's links keep
     * their visible latency under a fault), reordering if either allows it.
     */
    public LinkConditions on(LinkConditions base) {
        return new LinkConditions(dropProbability, base.minDelayMs + minDelayMs, base.maxDelayMs + maxDelayMs,
            duplicateProbability, reorder || base.reorder);
    }

    /** A delivery delay between the bounds; {@code unit} (a draw in [0, 1)) is asked only when they differ. */
    public long delay(DoubleSupplier unit) {
        return maxDelayMs > minDelayMs ? minDelayMs + (long) (unit.getAsDouble() * (maxDelayMs - minDelayMs + 1))
            : minDelayMs;
    }

    public LinkConditions withDrop(double probability) {
        return new LinkConditions(probability, minDelayMs, maxDelayMs, duplicateProbability, reorder);
    }

    public LinkConditions withDelay(long minMs, long maxMs) {
        return new LinkConditions(dropProbability, minMs, maxMs, duplicateProbability, reorder);
    }

    public LinkConditions withDuplicate(double probability) {
        return new LinkConditions(dropProbability, minDelayMs, maxDelayMs, probability, reorder);
    }

    public LinkConditions withReorder(boolean allowed) {
        return new LinkConditions(dropProbability, minDelayMs, maxDelayMs, duplicateProbability, allowed);
    }
}
