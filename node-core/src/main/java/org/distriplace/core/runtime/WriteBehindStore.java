package org.distriplace.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.QueuedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage on a writer thread of its own, so the node's thread never waits for the disk. The node's calls only
 * queue a write and number it; the writer makes everything queued durable in one transaction (group commit) and
 * reports the highest number now durable. The node holds every effect (messages, answers to clients, events,
 * what readers see) until the writes issued before it are durable, which keeps the store's promise: nothing is
 * observed before what it depends on is on disk.
 */
final class WriteBehindStore extends QueuedEventStore {

    private static final int MAX_GROUP = 256;
    private static final long SLOW_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindStore.class);

    private record Write(long sequence, Runnable work) {
    }

    private static final Write STOP = new Write(Long.MAX_VALUE, () -> { });

    private final GroupCommitStore disk;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final LongConsumer durableUpTo;
    private final Consumer<RuntimeException> failed;
    private final Thread writer;
    private volatile Node.StorageTransactions transactions = (writes, nanos) -> { };

    /**
     * @param durableUpTo told (on the writer thread) the highest write number now durable
     * @param failed      told (on the writer thread) that a write failed; nothing after it is written
     */
    WriteBehindStore(GroupCommitStore disk, String name, LongConsumer durableUpTo, Consumer<RuntimeException> failed) {
        super(disk);
        this.disk = disk;
        this.durableUpTo = durableUpTo;
        this.failed = failed;
        this.writer = new Thread(this::writeLoop, name);
        this.writer.setDaemon(true);
    }

    /** Tells {@code listener}, on the writer thread, of each group commit. */
    void onTransactions(Node.StorageTransactions listener) {
        this.transactions = listener;
    }

    /** Starts the writer (after {@link #load}, which reads on the caller's thread). */
    void start() {
        writer.start();
    }

    @Override
    protected void queue(long sequence, Runnable work) {
        queue.add(new Write(sequence, work));
    }

    private void writeLoop() {
        List<Write> group = new ArrayList<>();
        try {
            while (true) {
                group.clear();
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                boolean stopping = group.remove(STOP);
                if (!group.isEmpty()) {
                    long started = System.nanoTime();
                    disk.inOneTransaction(group.stream().map(Write::work).toList());
                    long took = System.nanoTime() - started;
                    transactions.transaction(group.size(), took);
                    if (took > SLOW_NANOS) {
                        // Every write in the group, and every effect held behind them, waited this long.
                        LOG.info("a group commit of {} writes took {} ms", group.size(), took / 1_000_000);
                    }
                    durableUpTo.accept(group.get(group.size() - 1).sequence());
                }
                if (stopping) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            failed.accept(failure);
        }
    }

    /** Writes everything queued, then stops the writer (waiting up to {@code timeoutMs}); true if it finished. */
    boolean flushAndStop(long timeoutMs) {
        if (!writer.isAlive()) {
            return true;
        }
        queue.add(STOP);
        try {
            writer.join(TimeUnit.MILLISECONDS.toMillis(timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !writer.isAlive();
    }
}
