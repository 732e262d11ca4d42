package org.distriplace.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.distriplace.core.node.QueuedEventStore;
import org.distriplace.core.store.MemoryEventStore;

/**
 * A simulated disk written behind the node, as the threaded runtime writes SQLite: calls queue numbered writes,
 * which reach the durable store together after a random virtual delay (group commit). A crash loses whatever was
 * still queued. The node must hold its effects until {@code durableUpTo} reports their writes durable.
 */
final class SimDisk extends QueuedEventStore {

    private static final long MAX_SYNC_MS = 25;

    private final EventQueue queue;
    private final List<Runnable> queued = new ArrayList<>();
    private Random random;
    private LongConsumer durableUpTo;
    private long incarnation;
    private boolean syncing;

    SimDisk(MemoryEventStore durableStore, EventQueue queue) {
        super(durableStore);
        this.queue = queue;
    }

    /** The machine died: what was still queued never reaches the disk (a sync already scheduled does nothing). */
    void crash() {
        incarnation++;
        queued.clear();
        syncing = false;
    }

    /** A new life of the node; durability reports go to {@code reportDurable}. */
    void restart(Random lifeRandom, LongConsumer reportDurable) {
        crash();
        restartNumbering();
        this.random = lifeRandom;
        this.durableUpTo = reportDurable;
    }

    @Override
    protected void queue(long sequence, Runnable write) {
        queued.add(write);
        if (!syncing) {
            syncing = true;
            long life = incarnation;
            queue.schedule(1 + random.nextInt((int) MAX_SYNC_MS), () -> sync(life));
        }
    }

    /** One group commit: everything queued by now becomes durable together. */
    private void sync(long life) {
        if (life != incarnation) {
            return;
        }
        List<Runnable> group = new ArrayList<>(queued);
        queued.clear();
        group.forEach(Runnable::run);
        long durable = issued();
        syncing = false;
        if (!queued.isEmpty()) {
            syncing = true;
            queue.schedule(1 + random.nextInt((int) MAX_SYNC_MS), () -> sync(life));
        }
        durableUpTo.accept(durable);
    }
}
