package org.distriplace.core.model;

import java.util.List;

/**
 * A batch of writes proposed together by the leader of an epoch. The first of an epoch to commit carries what the
 * new leader adopted from earlier epochs.
 */
public record Batch(long epoch, long proposalId, int leaderId, List<PixelWrite> writes) {

    public Batch {
        writes = List.copyOf(writes);
    }

    public BatchId id() {
        return new BatchId(epoch, proposalId);
    }

}
