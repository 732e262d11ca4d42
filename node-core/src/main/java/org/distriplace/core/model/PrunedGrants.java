package org.distriplace.core.model;

/**
 * A run of one ordering node's account counters, {@code first} to {@code last}, whose entries were cooldown grants
 * past any use and were dropped (ADR 0017). Anti-entropy sends the run instead of the entries, so a replica that
 * lacks them moves its account version past them in order, as if it had taken them: a grant changes no account, and
 * one older than the cooldown no longer spaces any placement.
 *
 * @param nodeId the ordering node
 * @param first  the run's first counter
 * @param last   its last counter, at least {@code first}
 */
public record PrunedGrants(int nodeId, long first, long last) {

    public PrunedGrants {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("a pruned run is counters " + first + " to " + last);
        }
    }
}
