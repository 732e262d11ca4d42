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
import java.util.stream.Collectors;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.NodeConfig;

/**
 * The node's durable store: one SQLite database in the data directory, in WAL mode with {@code synchronous=FULL},
 * so a transaction that returned survives a killed process and a power cut. Every committed write is a row (the
 * history and timelapse read them); each committed batch is one transaction. In-doubt batches, the promised epoch
 * and compressed snapshots of full state sit beside them.
 *
 * <p>A data directory belongs to one node of one canvas: opening it with another node id or canvas size fails.
 * Not thread-safe: used from the node's thread. Failures throw {@link StorageException}.
 */
public final class SqliteEventStore implements GroupCommitStore, AutoCloseable {

    public static final String FILE_NAME = "distri-place.db";

    private final Connection db;
    /** True while {@link #inOneTransaction} runs: the writes it runs then commit together, not one by one. */
    private boolean grouping;

    private SqliteEventStore(Connection db) {
        this.db = db;
    }

    /** Opens (or creates) the store in {@code dataDir} for the node and canvas of {@code config}. */
    public static SqliteEventStore open(Path dataDir, NodeConfig config) {
        try {
            Files.createDirectories(dataDir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
            SqliteEventStore store = new SqliteEventStore(db);
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
            s.execute("CREATE TABLE IF NOT EXISTS in_doubt (epoch INTEGER NOT NULL, proposal_id INTEGER NOT NULL, "
                + "leader_id INTEGER NOT NULL, writes BLOB NOT NULL, PRIMARY KEY (epoch, proposal_id))");
            addColumnIfMissing(s, "in_doubt", "config", "TEXT");
            s.execute("CREATE TABLE IF NOT EXISTS writes (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                + "node_id INTEGER NOT NULL, counter INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, "
                + "color INTEGER NOT NULL, user TEXT NOT NULL, origin INTEGER NOT NULL, "
                + "request_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, clock BLOB NOT NULL, "
                + "UNIQUE (node_id, counter))");
            s.execute("CREATE INDEX IF NOT EXISTS writes_by_pixel ON writes (x, y)");
            addColumnIfMissing(s, "writes", "epoch", "INTEGER NOT NULL DEFAULT 0");
            addColumnIfMissing(s, "writes", "batch", "INTEGER NOT NULL DEFAULT 0");
            s.execute("CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                + "after_seq INTEGER NOT NULL, version BLOB NOT NULL, cooldowns BLOB NOT NULL, "
                + "requests BLOB NOT NULL, tiles BLOB NOT NULL)");
        }
        checkIdentity("node_id", Integer.toString(config.nodeId()));
        checkIdentity("canvas", config.width() + "x" + config.height());
        db.setAutoCommit(false);
        putMeta("members", config.members().stream().map(String::valueOf).collect(Collectors.joining(",")));
        db.commit();
    }

    /** Data directories written before a column existed gain it (empty) on open. */
    private static void addColumnIfMissing(Statement s, String table, String column, String type) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                if (r.getString("name").equals(column)) {
                    return;
                }
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
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
        try {
            long epoch = Long.parseLong(metaOr("epoch", "0"));
            int promisedTo = Integer.parseInt(metaOr("promised_to", "0"));
            long installed = Long.parseLong(metaOr("installed_epoch", "0"));
            List<Batch> inDoubt = loadInDoubt();
            long afterSeq = 0;
            Snapshot snapshot = null;
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT after_seq, version, cooldowns, requests, tiles FROM snapshots "
                     + "ORDER BY id DESC LIMIT 1")) {
                if (r.next()) {
                    afterSeq = r.getLong(1);
                    snapshot = new Snapshot(BinaryFormat.tiles(r.getBytes(5)), BinaryFormat.clock(r.getBytes(2)),
                        BinaryFormat.cooldowns(r.getBytes(3)), BinaryFormat.requests(r.getBytes(4)));
                }
            }
            String membership = getMeta("membership");
            return new StoredState(epoch, promisedTo, installed, inDoubt, snapshot, writesAfter(afterSeq),
                membership == null ? null : Membership.decode(membership));
        } catch (SQLException e) {
            throw failure("load", e);
        }
    }

    private List<Batch> loadInDoubt() throws SQLException {
        List<Batch> batches = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT epoch, proposal_id, leader_id, writes, config FROM in_doubt "
                 + "ORDER BY epoch, proposal_id")) {
            while (r.next()) {
                String config = r.getString(5);
                batches.add(new Batch(r.getLong(1), r.getLong(2), r.getInt(3), BinaryFormat.writes(r.getBytes(4)),
                    config == null ? null : Membership.decode(config)));
            }
        }
        return batches;
    }

    private List<PixelWrite> writesAfter(long seq) throws SQLException {
        List<PixelWrite> writes = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT x, y, color, user, origin, request_id, timestamp, "
            + "node_id, clock, epoch, batch FROM writes WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    writes.add(new PixelWrite(r.getInt(1), r.getInt(2), new Color(r.getInt(3)), r.getString(4),
                        r.getInt(5), r.getLong(6), r.getLong(7), r.getInt(8), BinaryFormat.clock(r.getBytes(9)),
                        r.getLong(10), r.getLong(11)));
                }
            }
        }
        return writes;
    }

    @Override
    public void saveEpoch(long epoch, int promisedTo) {
        transaction("save epoch", () -> {
            putMeta("epoch", Long.toString(epoch));
            putMeta("promised_to", Integer.toString(promisedTo));
        });
    }

    @Override
    public void saveMembership(Membership membership) {
        transaction("save membership", () -> putMeta("membership", membership.encode()));
    }

    @Override
    public void saveInDoubt(long installedEpoch, List<Batch> inDoubt) {
        transaction("save in-doubt batches", () -> {
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM in_doubt");
            }
            try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO in_doubt (epoch, proposal_id, leader_id, writes, config) VALUES (?, ?, ?, ?, ?)")) {
                for (Batch batch : inDoubt) {
                    insert.setLong(1, batch.epoch());
                    insert.setLong(2, batch.proposalId());
                    insert.setInt(3, batch.leaderId());
                    insert.setBytes(4, BinaryFormat.writes(batch.writes()));
                    insert.setString(5, batch.changesConfig() ? batch.config().encode() : null);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            putMeta("installed_epoch", Long.toString(installedEpoch));
        });
    }

    @Override
    public void appendCommitted(List<PixelWrite> writes) {
        transaction("append committed writes", () -> {
            try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO writes (node_id, counter, x, "
                + "y, color, user, origin, request_id, timestamp, clock, epoch, batch) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PixelWrite write : writes) {
                    insert.setInt(1, write.nodeId());
                    insert.setLong(2, write.dot().counter());
                    insert.setInt(3, write.x());
                    insert.setInt(4, write.y());
                    insert.setInt(5, write.color().rgb());
                    insert.setString(6, write.user());
                    insert.setInt(7, write.origin());
                    insert.setLong(8, write.requestId());
                    insert.setLong(9, write.timestamp());
                    insert.setBytes(10, BinaryFormat.clock(write.vectorClock()));
                    insert.setLong(11, write.epoch());
                    insert.setLong(12, write.batch());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        transaction("save snapshot", () -> {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO snapshots (after_seq, version, "
                + "cooldowns, requests, tiles) VALUES ((SELECT COALESCE(MAX(seq), 0) FROM writes), ?, ?, ?, ?)")) {
                insert.setBytes(1, BinaryFormat.clock(snapshot.version()));
                insert.setBytes(2, BinaryFormat.cooldowns(snapshot.cooldowns()));
                insert.setBytes(3, BinaryFormat.requests(snapshot.recentRequests()));
                insert.setBytes(4, BinaryFormat.tiles(snapshot.tiles()));
                insert.executeUpdate();
            }
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM snapshots WHERE id < (SELECT MAX(id) FROM snapshots)");
            }
        });
    }

    /** Number of committed writes stored (the whole history). */
    public long storedWrites() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM writes")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw failure("count writes", e);
        }
    }

    @Override
    public void close() {
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
            db.commit();
        } catch (SQLException | RuntimeException e) {
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
            db.commit();
        } catch (SQLException e) {
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
