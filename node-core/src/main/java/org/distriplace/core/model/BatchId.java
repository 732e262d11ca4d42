package org.distriplace.core.model;

/** A two-phase-commit proposal: the leader's epoch and its proposal number within that epoch. */
public record BatchId(long epoch, long proposalId) implements Comparable<BatchId> {

    @Override
    public int compareTo(BatchId other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(proposalId, other.proposalId);
    }

    @Override
    public String toString() {
        return epoch + "/" + proposalId;
    }
}
