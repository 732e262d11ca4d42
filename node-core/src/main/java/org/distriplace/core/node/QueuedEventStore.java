package org.distriplace.core.node;

import java.util.List;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * An {@link EventStore} written behind the node: each call becomes a write on a durable store, numbered and queued
 * to be made durable later (by a writer thread in the runtime, by the simulator's slow disk). Loading reads the
 * durable store directly. Subclasses decide when queued writes run and report, by number, what became durable.
 * Written from the node's thread only.
 */
public abstract class QueuedEventStore implements EventStore {

    private final EventStore durable;
    private long issued;

    protected QueuedEventStore(EventStore durable) {
        this.durable = durable;
    }

    /** Queues write number {@code sequence} (a call on the durable store), to be made durable later, in order. */
    protected abstract void queue(long sequence, Runnable write);

    @Override
    public long issued() {
        return issued;
    }

    /** Numbering starts again from 1 (a simulated machine restarted; its new node has waited for nothing yet). */
    protected void restartNumbering() {
        issued = 0;
    }

    private void queue(Runnable write) {
        queue(++issued, write);
    }

    @Override
    public StoredState load() {
        return durable.load();
    }

    @Override
    public void saveEpoch(int group, long epoch, int promisedTo) {
        queue(() -> durable.saveEpoch(group, epoch, promisedTo));
    }

    @Override
    public void saveInDoubt(int group, long installedEpoch, List<Batch> inDoubt) {
        List<Batch> copy = List.copyOf(inDoubt);
        queue(() -> durable.saveInDoubt(group, installedEpoch, copy));
    }

    @Override
    public void saveMembership(int group, Membership membership) {
        queue(() -> durable.saveMembership(group, membership));
    }

    @Override
    public void appendCommitted(List<PixelWrite> writes) {
        List<PixelWrite> copy = List.copyOf(writes);
        queue(() -> durable.appendCommitted(copy));
    }

    @Override
    public void appendAccounts(List<AccountEntry> entries) {
        List<AccountEntry> copy = List.copyOf(entries);
        queue(() -> durable.appendAccounts(copy));
    }

    @Override
    public void pruneGrants(long stampedBefore) {
        queue(() -> durable.pruneGrants(stampedBefore));
    }

    @Override
    public void appendHistory(List<PixelWrite> writes) {
        List<PixelWrite> copy = List.copyOf(writes);
        queue(() -> durable.appendHistory(copy));
    }

    /** Snapshots are immutable copies taken on the node's thread; encoding them happens when the write runs. */
    @Override
    public void saveSnapshot(int group, Snapshot snapshot) {
        queue(() -> durable.saveSnapshot(group, snapshot));
    }
}
