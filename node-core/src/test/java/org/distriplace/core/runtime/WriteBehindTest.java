package org.distriplace.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node on a group-commit store: its effects wait for the disk, and the disk is written in groups. */
class WriteBehindTest {

    /** A store whose transactions wait for permits, so the test decides when writes become durable. */
    private static final class GatedStore implements GroupCommitStore {
        final MemoryEventStore memory = new MemoryEventStore();
        final Semaphore permits = new Semaphore(Integer.MAX_VALUE / 2);
        final AtomicInteger transactions = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public void inOneTransaction(List<Runnable> group) {
            permits.acquireUninterruptibly();
            transactions.incrementAndGet();
            writes.addAndGet(group.size());
            group.forEach(Runnable::run);
        }

        @Override
        public StoredState load() {
            return memory.load();
        }

        @Override
        public void saveEpoch(int group, long epoch, int promisedTo) {
            memory.saveEpoch(group, epoch, promisedTo);
        }

        @Override
        public void saveMembership(int group, Membership membership) {
            memory.saveMembership(group, membership);
        }

        @Override
        public void saveInDoubt(int group, long installedEpoch, List<Batch> inDoubt) {
            memory.saveInDoubt(group, installedEpoch, inDoubt);
        }

        @Override
        public void appendCommitted(List<PixelWrite> committed) {
            memory.appendCommitted(committed);
        }

        @Override
        public void appendAccounts(List<AccountEntry> entries) {
            memory.appendAccounts(entries);
        }

        @Override
        public void pruneGrants(long stampedBefore) {
            memory.pruneGrants(stampedBefore);
        }

        @Override
        public void appendHistory(List<PixelWrite> writes) {
            memory.appendHistory(writes);
        }

        @Override
        public void saveSnapshot(int group, Snapshot snapshot) {
            memory.saveSnapshot(group, snapshot);
        }
    }

    private final GatedStore store = new GatedStore();
    private Node node;

    @AfterEach
    void close() {
        store.permits.release(Integer.MAX_VALUE / 4);
        node.close();
    }

    @Test
    void aCommittedPlacementIsAnsweredAndAnnouncedOnlyOnceItIsOnDisk() throws Exception {
        node = new Node(NodeConfig.builder(1, List.of(1)).canvas(8, 8).cooldownMs(0).batchMs(10).build(),
            new InProcessNetwork().transportFor(1), store, EventSink.NONE);
        List<PixelWrite> announced = new CopyOnWriteArrayList<>();
        node.addPixelListener((write, changed) -> announced.add(write));
        node.start().join();
        Await.until("the lone node to lead", Duration.ofSeconds(10),
            () -> node.report().join().leaderActive() && node.report().join().ready());
        store.permits.drainPermits();

        CompletableFuture<PlaceResult> placed = node.place("alice", 3, 4, Color.of("#FF4500"));
        Await.until("the write to commit in memory", Duration.ofSeconds(10),
            () -> node.report().join().committedWrites() == 1);
        assertFalse(placed.isDone(), "not answered before the disk has it");
        assertTrue(announced.isEmpty(), "not announced before the disk has it");
        assertEquals(0, node.view().committedWrites(), "not shown to readers before the disk has it");
        assertFalse(node.view().canvas().colorAt(3, 4).equals(Color.of("#FF4500")));

        store.permits.release(Integer.MAX_VALUE / 4);
        assertEquals(3, placed.get(10, TimeUnit.SECONDS).write().x());
        Await.until("the pixel to be announced", Duration.ofSeconds(5), () -> announced.size() == 1);
        assertEquals(1, store.memory.load().committedSinceSnapshot().size(), "and it is on disk");
        assertEquals(Color.of("#FF4500"), node.view().canvas().colorAt(3, 4), "readers see it once it is on disk");
    }

    @Test
    void writesQueuedWhileTheDiskIsBusyAreCommittedTogether() throws Exception {
        node = new Node(NodeConfig.builder(1, List.of(1)).canvas(8, 8).cooldownMs(0).batchMs(5).build(),
            new InProcessNetwork().transportFor(1), store, EventSink.NONE);
        node.start().join();
        Await.until("the lone node to lead", Duration.ofSeconds(10),
            () -> node.report().join().leaderActive() && node.report().join().ready());
        store.permits.drainPermits();
        int transactionsBefore = store.transactions.get();
        int writesBefore = store.writes.get();
        List<CompletableFuture<PlaceResult>> placed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            placed.add(node.place("user-" + i, i % 8, i / 8, Color.of("#FF4500")));
            Thread.onSpinWait();
        }
        Await.until("every write to commit in memory", Duration.ofSeconds(10),
            () -> node.report().join().committedWrites() == 20);
        store.permits.release(Integer.MAX_VALUE / 4);
        for (CompletableFuture<PlaceResult> future : placed) {
            future.get(10, TimeUnit.SECONDS);
        }
        int transactions = store.transactions.get() - transactionsBefore;
        int writes = store.writes.get() - writesBefore;
        assertTrue(transactions < writes, transactions + " transactions for " + writes + " writes");
    }
}
