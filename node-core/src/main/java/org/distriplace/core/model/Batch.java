package org.distriplace.core.model;

import java.util.List;

/**
 * A batch of writes proposed together by the leader of an epoch. The first of an epoch to commit carries what the
 * new leader adopted from earlier epochs. A batch may also carry a new cluster configuration, which takes effect
 * when the batch commits, and account changes (registrations, bans), ordered in the same round as its writes.
 *
 * @param config   the configuration this batch installs, or null for a batch of writes only
 * @param accounts the account changes this batch orders, in dot order
 */
public record Batch(long epoch, long proposalId, int leaderId, List<PixelWrite> writes, Membership config,
                    List<AccountEntry> accounts) {

    public Batch {
        writes = List.copyOf(writes);
        accounts = List.copyOf(accounts);
    }

    /** A batch that orders no account change. */
    public Batch(long epoch, long proposalId, int leaderId, List<PixelWrite> writes, Membership config) {
        this(epoch, proposalId, leaderId, writes, config, List.of());
    }

    /** A batch of writes that changes no configuration. */
    public Batch(long epoch, long proposalId, int leaderId, List<PixelWrite> writes) {
        this(epoch, proposalId, leaderId, writes, null);
    }

    public BatchId id() {
        return new BatchId(epoch, proposalId);
    }

    public boolean changesConfig() {
        return config != null;
    }
}
