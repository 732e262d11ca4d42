package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.node.EventStore;

/**
 * The canvas snapshot a restart starts from, kept off the commit path. Encoding a large canvas (deflating every
 * tile) took long enough to stall the group commit it rode in, and every write waiting on it; yet a snapshot only
 * shortens a restart's replay, and nothing waits for it to be durable. So the writer only notes which writes the
 * snapshot covers; a thread of its own encodes it; the writer stores the encoded snapshot with its next transaction
 * (or when the store loads or closes). A newer snapshot encoded before an older one was stored replaces it.
 *
 * <p>{@link #submit} and {@link #storeReady} are called on the store's thread; encoding runs on this class's.
 */
final class RecoverySnapshots {

    /** A snapshot ready to insert: the ordinal of the last write it covers, and its encoded columns. */
    private record Encoded(long afterSeq, byte[] version, byte[] cooldowns, byte[] requests, byte[] tiles) {
    }

    private final Connection db;
    private final ExecutorService encoder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "snapshot-encoder");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Encoded> ready = new AtomicReference<>();
    private Future<?> lastSubmitted;

    RecoverySnapshots(Connection db) {
        this.db = db;
    }

    /** Encodes {@code snapshot}, which covers the writes up to ordinal {@code afterSeq}, in the background. */
    void submit(long afterSeq, EventStore.Snapshot snapshot) {
        lastSubmitted = encoder.submit(() -> ready.set(new Encoded(afterSeq, BinaryFormat.clock(snapshot.version()),
            BinaryFormat.cooldowns(snapshot.cooldowns()), BinaryFormat.requests(snapshot.recentRequests()),
            BinaryFormat.tiles(snapshot.tiles()))));
    }

    /** Inserts the newest encoded snapshot, if one is ready, in the caller's transaction; drops older ones. */
    void storeReady() throws SQLException {
        Encoded snapshot = ready.getAndSet(null);
        if (snapshot == null) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO snapshots (after_seq, version, "
            + "cooldowns, requests, tiles) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, snapshot.afterSeq());
            insert.setBytes(2, snapshot.version());
            insert.setBytes(3, snapshot.cooldowns());
            insert.setBytes(4, snapshot.requests());
            insert.setBytes(5, snapshot.tiles());
            insert.executeUpdate();
        }
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM snapshots WHERE id < (SELECT MAX(id) FROM snapshots)");
        }
    }

    /** Waits (up to {@code timeoutMs}) until the last snapshot submitted is encoded. */
    void awaitEncoded(long timeoutMs) {
        Future<?> last = lastSubmitted;
        if (last == null) {
            return;
        }
        try {
            last.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A snapshot that failed or took too long is not stored: the log it would have shortened is kept.
        }
    }

    void close() {
        encoder.shutdownNow();
    }
}
