package org.distriplace.core.model;

import java.util.Objects;

/**
 * One committed account change, with its place in the order. Account entries have dots of their own, apart from
 * pixel writes': {@code (nodeId, counter)}, gapless per ordering node, so a version vector names exactly the
 * entries a replica holds and anti-entropy sends exactly those it lacks.
 *
 * @param change    what changed
 * @param origin    the node the client asked through, which answers the client on commit
 * @param requestId the origin's id for the request
 * @param timestamp hybrid logical clock time the leader gave it; among registrations of one name the earliest wins
 * @param nodeId    the leader that ordered it
 * @param counter   that leader's counter for account entries
 * @param epoch     the epoch in which it was first proposed
 * @param batch     the proposal id of the batch it was first proposed in
 */
public record AccountEntry(AccountChange change, int origin, long requestId, long timestamp, int nodeId,
                           long counter, long epoch, long batch) {

    public AccountEntry {
        Objects.requireNonNull(change, "change");
        if (counter < 1) {
            throw new IllegalArgumentException("an account entry's counter starts at 1, not " + counter);
        }
    }

    public Dot dot() {
        return new Dot(nodeId, counter);
    }

    /** True when this entry was ordered before {@code other} by (timestamp, node, counter): a total order. */
    public boolean before(AccountEntry other) {
        if (timestamp != other.timestamp) {
            return timestamp < other.timestamp;
        }
        return nodeId != other.nodeId ? nodeId < other.nodeId : counter < other.counter;
    }

    @Override
    public String toString() {
        return change + " dot " + dot();
    }
}
