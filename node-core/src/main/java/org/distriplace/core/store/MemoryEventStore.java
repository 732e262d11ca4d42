package org.distriplace.core.store;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;

/**
 * An {@link EventStore} in memory: durable for as long as the object lives, which is what the simulator needs (a
 * crashed node restarts on the same store and keeps what it had persisted). Owned by one node's thread.
 */
public final class MemoryEventStore implements EventStore {

    private long epoch;
    private int promisedTo;
    private long installedEpoch;
    private List<Batch> inDoubt = List.of();
    private Snapshot snapshot;
    private Membership membership;
    private final List<PixelWrite> committed = new ArrayList<>();

    @Override
    public StoredState load() {
        return new StoredState(epoch, promisedTo, installedEpoch, inDoubt, snapshot, List.copyOf(committed),
            membership);
    }

    @Override
    public void saveEpoch(long epoch, int promisedTo) {
        this.epoch = epoch;
        this.promisedTo = promisedTo;
    }

    @Override
    public void saveInDoubt(long installedEpoch, List<Batch> inDoubt) {
        this.installedEpoch = installedEpoch;
        this.inDoubt = List.copyOf(inDoubt);
    }

    @Override
    public void saveMembership(Membership membership) {
        this.membership = membership;
    }

    @Override
    public void appendCommitted(List<PixelWrite> writes) {
        committed.addAll(writes);
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        this.snapshot = snapshot;
        // The snapshot holds every write its version names; later writes stay in the log.
        committed.removeIf(write -> write.dot().counter() <= snapshot.version().get(write.nodeId()));
    }
}
