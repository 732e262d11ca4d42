package org.distriplace.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.distriplace.core.history.HistoryWriter;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.NodeConfig;

/**
 * The node's durable store: one SQLite database in the data directory, in WAL mode with {@code synchronous=FULL},
 * so a transaction that returned survives a killed process and a power cut. Committed writes are kept in the
 * history's compact chunks (the history and timelapse read them); each group of committed batches is one
 * transaction. In-doubt batches, the promised epoch and compressed snapshots of full state (encoded off the commit
 * path: {@link RecoverySnapshots}) sit beside them.
 *
 * <p>A node of a sharded cluster (ADR 0017) keeps each group's epoch, configuration, batches in doubt and snapshot
 * apart (meta keys ending {@code @group}, {@code group_in_doubt}, the snapshots' {@code grp}); writes and account
 * entries need no group, since their dots name their orderer.
 *
 * <p>A data directory belongs to one node of one canvas and one cut into shards: opening it with another node id,
 * canvas size or shards fails.
 * Not thread-safe: used from the node's thread. Failures throw {@link StorageException}.
 */
public final class SqliteEventStore implements GroupCommitStore, AutoCloseable {

    public static final String FILE_NAME = "distri-place.db";
    /** The shards a data directory of one shard holds (it names none in its meta). */
    private static final String ONE_SHARD = "1x1";

    private final Connection db;
    private final HistoryTable history;
    private final RecoverySnapshots snapshots;
    private final InDoubtRows inDoubt;
    private final AccountRows accounts;
    /** The groups whose snapshots a restart replays the log from: the shards when sharded, else group 0. */
    private final List<Integer> orderingGroups;
    /** True while {@link #inOneTransaction} runs: the writes it runs then commit together, not one by one. */
    private boolean grouping;

    private SqliteEventStore(Connection db, NodeConfig config) {
        this.db = db;
        this.history = new HistoryTable(db, config.width());
        this.snapshots = new RecoverySnapshots(db);
        this.inDoubt = new InDoubtRows(db);
        this.accounts = new AccountRows(db);
        int shards = config.shardGrid().shards().size();
        this.orderingGroups = config.sharded() ? IntStream.rangeClosed(1, shards).boxed().toList() : List.of(0);
    }

    /** Opens (or creates) the store in {@code dataDir} for the node and canvas of {@code config}. */
    public static SqliteEventStore open(Path dataDir, NodeConfig config) {
        try {
            Files.createDirectories(dataDir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
            SqliteEventStore store = new SqliteEventStore(db, config);
            store.initialise(config);
            return store;
        } catch (IOException | SQLException e) {
            throw new StorageException("cannot open the store in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void initialise(NodeConfig config) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            InDoubtRows.create(s);
            AccountRows.create(s);
            s.execute("CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                + "after_seq INTEGER NOT NULL, version BLOB NOT NULL, cooldowns BLOB NOT NULL, "
                + "requests BLOB NOT NULL, tiles BLOB NOT NULL)");
            addColumnIfMissing(s, "snapshots", "grp", "INTEGER NOT NULL DEFAULT 0");
            if (tableExists(s, "writes")) {
                // Older data directories: the row-per-write table, perhaps without provenance, is moved into chunks.
                addColumnIfMissing(s, "writes", "epoch", "INTEGER NOT NULL DEFAULT 0");
                addColumnIfMissing(s, "writes", "batch", "INTEGER NOT NULL DEFAULT 0");
            }
        }
        // A one-shard directory names no shards, as before shards existed: one that was opened before without them
        // is one shard's, and refuses shards as a sharded one refuses another cut.
        String shards = config.sharded() ? config.shardColumns() + "x" + config.shardRows() + "/" + config.replicas()
            : ONE_SHARD;
        String heldShards = getMeta("node_id") == null ? shards : metaOr("shards", ONE_SHARD);
        checkIdentity("node_id", Integer.toString(config.nodeId()));
        checkIdentity("canvas", config.width() + "x" + config.height());
        if (!heldShards.equals(shards)) {
            throw new SQLException("this data directory holds shards " + heldShards + ", not " + shards
                + "; use another --data-dir");
        }
        if (config.sharded()) {
            putMeta("shards", shards);
        }
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            history.open(s);
        }
        putMeta("members", config.members().stream().map(String::valueOf).collect(Collectors.joining(",")));
        db.commit();
        history.committed();
    }

    static boolean tableExists(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '" + table
            + "'")) {
            return r.next();
        }
    }

    /** Data directories written before a column existed gain it (empty) on open; returns whether it was added. */
    static boolean addColumnIfMissing(Statement s, String table, String column, String type) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                if (r.getString("name").equals(column)) {
                    return false;
                }
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
        return true;
    }

    private void checkIdentity(String key, String expected) throws SQLException {
        String stored = getMeta(key);
        if (stored == null) {
            putMeta(key, expected);
        } else if (!stored.equals(expected)) {
            throw new SQLException("this data directory holds " + key + " " + stored + ", not " + expected
                + "; use another --data-dir");
        }
    }

    @Override
    public StoredState load() {
        storeSnapshotNow();
        try {
            Map<Integer, GroupState> groups = new TreeMap<>();
            Map<Integer, Long> snapshotAfter = new TreeMap<>();
            for (int group : storedGroups()) {
                Snapshot snapshot = null;
                try (PreparedStatement s = db.prepareStatement("SELECT after_seq, version, cooldowns, requests, "
                    + "tiles FROM snapshots WHERE grp = ? ORDER BY id DESC LIMIT 1")) {
                    s.setInt(1, group);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            snapshotAfter.put(group, r.getLong(1));
                            snapshot = new Snapshot(BinaryFormat.tiles(r.getBytes(5)),
                                BinaryFormat.clock(r.getBytes(2)), BinaryFormat.cooldowns(r.getBytes(3)),
                                BinaryFormat.requests(r.getBytes(4)));
                        }
                    }
                }
                String membership = getMeta(key("membership", group));
                groups.put(group, new GroupState(Long.parseLong(metaOr(key("epoch", group), "0")),
                    Integer.parseInt(metaOr(key("promised_to", group), "0")),
                    Long.parseLong(metaOr(key("installed_epoch", group), "0")), inDoubt.load(group), snapshot,
                    membership == null ? null : Membership.decode(membership)));
            }
            long replayFrom = orderingGroups.stream().mapToLong(group -> snapshotAfter.getOrDefault(group, 0L))
                .min().orElse(0);
            return new StoredState(groups, history.logAfter(replayFrom), history.dots(), accounts.load());
        } catch (SQLException e) {
            throw failure("load", e);
        }
    }

    /** Group 0, and every group that stored a snapshot, an epoch, a configuration or batches in doubt. */
    private Set<Integer> storedGroups() throws SQLException {
        Set<Integer> groups = new TreeSet<>(List.of(0));
        groups.addAll(inDoubt.shardGroups());
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT grp FROM snapshots")) {
            while (r.next()) {
                groups.add(r.getInt(1));
            }
        }
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT key FROM meta WHERE key LIKE '%@%'")) {
            while (r.next()) {
                groups.add(Integer.parseInt(r.getString(1).substring(r.getString(1).indexOf('@') + 1)));
            }
        }
        return groups;
    }

    /** A group's meta key: group 0's is the key itself (as before shards existed), others' end {@code @group}. */
    private static String key(String name, int group) {
        return group == 0 ? name : name + "@" + group;
    }

    @Override
    public void saveEpoch(int group, long epoch, int promisedTo) {
        transaction("save epoch", () -> {
            putMeta(key("epoch", group), Long.toString(epoch));
            putMeta(key("promised_to", group), Integer.toString(promisedTo));
        });
    }

    @Override
    public void saveMembership(int group, Membership membership) {
        transaction("save membership", () -> putMeta(key("membership", group), membership.encode()));
    }

    @Override
    public void saveInDoubt(int group, long installedEpoch, List<Batch> batches) {
        transaction("save in-doubt batches", () -> {
            inDoubt.save(group, batches);
            putMeta(key("installed_epoch", group), Long.toString(installedEpoch));
        });
    }

    @Override
    public void appendCommitted(List<PixelWrite> writes) {
        transaction("append committed writes", () -> history.append(writes, HistoryWriter.LOG));
    }

    @Override
    public void appendAccounts(List<AccountEntry> entries) {
        transaction("append account entries", () -> accounts.append(entries));
    }

    @Override
    public void pruneGrants(long stampedBefore) {
        transaction("prune cooldown grants", () -> accounts.pruneGrants(stampedBefore));
    }

    @Override
    public void appendHistory(List<PixelWrite> writes) {
        transaction("append history", () -> history.append(writes, HistoryWriter.BACKFILL));
    }

    /**
     * Notes the writes {@code snapshot} covers and encodes it in the background; it is stored with the next
     * transaction after that (see {@link RecoverySnapshots}), not in this one.
     */
    @Override
    public void saveSnapshot(int group, Snapshot snapshot) {
        snapshots.submit(group, history.lastOrdinal(), snapshot);
    }

    /** Stores the snapshot being encoded now, waiting for it (up to ten seconds): before a load, or closing. */
    private void storeSnapshotNow() {
        snapshots.awaitEncoded(10_000);
        transaction("save snapshot", snapshots::storeReady);
    }

    /**
     * Tells {@code listener} of each history chunk written (its first ordinal and body), once committed, on the
     * thread that writes the store. Set before the node starts.
     */
    public void onHistoryWritten(BiConsumer<Long, byte[]> listener) {
        history.onWritten(listener);
    }

    /** Number of committed writes stored (the whole history). */
    public long storedWrites() {
        return history.size();
    }

    @Override
    public void close() {
        try {
            storeSnapshotNow();
        } catch (StorageException e) {
            // Closing after a failure: the snapshot only shortens a restart, and the connection must still close.
        } finally {
            snapshots.close();
        }
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs writes in one transaction: one commit, one sync to disk, however many batches they hold. */
    @Override
    public void inOneTransaction(List<Runnable> writes) {
        grouping = true;
        try {
            writes.forEach(Runnable::run);
            snapshots.storeReady();
            db.commit();
            history.committed();
        } catch (SQLException | RuntimeException e) {
            history.rolledBack();
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e instanceof StorageException stored ? stored
                : new StorageException("storage failed to commit a group of writes: " + e.getMessage(), e);
        } finally {
            grouping = false;
        }
    }

    private void transaction(String what, Work work) {
        if (grouping) {
            try {
                work.run();
            } catch (SQLException e) {
                throw failure(what, e);
            }
            return;
        }
        try {
            work.run();
            snapshots.storeReady();
            db.commit();
            history.committed();
        } catch (SQLException e) {
            history.rolledBack();
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw failure(what, e);
        }
    }

    private String metaOr(String key, String fallback) throws SQLException {
        String value = getMeta(key);
        return value == null ? fallback : value;
    }

    private String getMeta(String key) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private void putMeta(String key, String value) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("storage failed to " + what + ": " + e.getMessage(), e);
    }
}
