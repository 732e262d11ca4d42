package org.distriplace.core.node;

import java.util.List;

/**
 * An {@link EventStore} that can make several writes durable together: one transaction, one sync to disk
 * (group commit). The threaded runtime writes such a store from a writer thread of its own.
 */
public interface GroupCommitStore extends EventStore {

    /** Runs {@code writes} (calls to this store's write methods) in order, in one durable transaction. */
    void inOneTransaction(List<Runnable> writes);
}
