package org.distriplace.core.sim;

/**
 * How a simulated link treats messages.
 *
 * @param dropProbability      chance a message is lost
 * @param minDelayMs           shortest delivery delay
 * @param maxDelayMs           longest delivery delay (uniform in between)
 * @param duplicateProbability chance a message is delivered twice
 * @param reorder              false keeps per-link FIFO order; true lets a later message overtake
 */
public record LinkConditions(double dropProbability, long minDelayMs, long maxDelayMs,
                             double duplicateProbability, boolean reorder) {

    /** A healthy LAN link: 1-5 ms, nothing lost, in order. */
    public static final LinkConditions HEALTHY = new LinkConditions(0, 1, 5, 0, false);

    public LinkConditions {
        if (dropProbability < 0 || dropProbability > 1 || duplicateProbability < 0 || duplicateProbability > 1) {
            throw new IllegalArgumentException("probabilities are in [0, 1]");
        }
        if (minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("need 0 <= min delay <= max delay");
        }
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
