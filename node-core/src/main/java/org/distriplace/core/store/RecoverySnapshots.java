package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.node.EventStore;

/**
 * The canvas snapshot a restart starts from, kept off the commit path. Encoding a large canvas (deflating every
 * tile) took long enough to stall the group commit it rode in, and every write waiting on it; yet a snapshot only
 * shortens a restart's replay, and nothing waits for it to be durable. So the writer only notes which writes the
 * snapshot covers; a thread of its own encodes it; the writer stores the encoded snapshot with its next transaction
 * (or when the store loads or closes). A newer snapshot of a group encoded before an older one was stored replaces
 * it; each group (ADR 0017) keeps its own newest.
 *
 * <p>{@link #submit} and {@link #storeReady} are called on the store's thread; encoding runs on this class's.
 */
final class RecoverySnapshots {

    /** A snapshot ready to insert: its group, the ordinal of the last write it covers, its encoded columns. */
    private record Encoded(int group, long afterSeq, byte[] version, byte[] cooldowns, byte[] requests,
                           byte[] tiles) {
    }

    private final Connection db;
    private final ExecutorService encoder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "snapshot-encoder");
        thread.setDaemon(true);
        return thread;
    });
    /** The newest snapshot encoded and not stored yet, of each group. */
    private final Map<Integer, Encoded> ready = new ConcurrentHashMap<>();
    private Future<?> lastSubmitted;

    RecoverySnapshots(Connection db) {
        this.db = db;
    }

    /**
     * Encodes {@code snapshot} of {@code group}, which covers the writes up to ordinal {@code afterSeq}, in the
     * background.
     */
    void submit(int group, long afterSeq, EventStore.Snapshot snapshot) {
        lastSubmitted = encoder.submit(() -> ready.put(group, new Encoded(group, afterSeq,
            BinaryFormat.clock(snapshot.version()), BinaryFormat.cooldowns(snapshot.cooldowns()),
            BinaryFormat.requests(snapshot.recentRequests()), BinaryFormat.tiles(snapshot.tiles()))));
    }

    /**
     * Inserts each group's newest encoded snapshot, if one is ready, in the caller's transaction; drops the group's
     * older ones.
     */
    void storeReady() throws SQLException {
        for (Integer group : List.copyOf(ready.keySet())) {
            Encoded snapshot = ready.remove(group);
            if (snapshot != null) {
                store(snapshot);
            }
        }
    }

    private void store(Encoded snapshot) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO snapshots (grp, after_seq, version, "
            + "cooldowns, requests, tiles) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, snapshot.group());
            insert.setLong(2, snapshot.afterSeq());
            insert.setBytes(3, snapshot.version());
            insert.setBytes(4, snapshot.cooldowns());
            insert.setBytes(5, snapshot.requests());
            insert.setBytes(6, snapshot.tiles());
            insert.executeUpdate();
        }
        try (PreparedStatement older = db.prepareStatement("DELETE FROM snapshots WHERE grp = ? AND id < "
            + "(SELECT MAX(id) FROM snapshots WHERE grp = ?)")) {
            older.setInt(1, snapshot.group());
            older.setInt(2, snapshot.group());
            older.executeUpdate();
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
