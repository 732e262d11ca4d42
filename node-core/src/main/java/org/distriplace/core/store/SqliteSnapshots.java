package org.distriplace.core.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.core.history.SnapshotStore;

/**
 * Snapshots of the past in a database of their own ({@value #FILE_NAME}, a cache: deleting it costs only the time
 * to compute them again), cut into 64×64 tiles stored once by content, so consecutive snapshots share the tiles
 * nobody painted in between. Thread-safe (one caller at a time on the connection).
 */
public final class SqliteSnapshots implements SnapshotStore, AutoCloseable {

    public static final String FILE_NAME = "history-snapshots.db";
    private static final int TILE = 64;
    private static final int HASH_BYTES = 16;

    private final Connection db;
    private final int width;
    private final int height;

    private SqliteSnapshots(Connection db, int width, int height) {
        this.db = db;
        this.width = width;
        this.height = height;
    }

    /** Opens (or creates) the snapshot cache in {@code dataDir} for a canvas of that size. */
    public static SqliteSnapshots open(Path dataDir, int width, int height) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
            try (Statement s = db.createStatement()) {
                // Thinning deletes most snapshots it stores: give their pages back to the disk (a new cache only;
                // an older one keeps its pages until deleted).
                s.execute("PRAGMA auto_vacuum = FULL");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS tiles (hash BLOB PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS snapshots (time INTEGER PRIMARY KEY, commit_point INTEGER NOT "
                    + "NULL, placements INTEGER NOT NULL, size TEXT NOT NULL, tiles BLOB NOT NULL)");
                // A cache of another canvas size (the directory was reused) is worthless: start again.
                s.execute("DELETE FROM snapshots WHERE size <> '" + width + "x" + height + "'");
            }
            return new SqliteSnapshots(db, width, height);
        } catch (SQLException e) {
            throw new StorageException("cannot open the snapshot cache in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<PastCanvas> floor(long time) {
        try (PreparedStatement s = db.prepareStatement("SELECT time, commit_point, placements, tiles FROM snapshots "
            + "WHERE time <= ? ORDER BY time DESC LIMIT 1")) {
            s.setLong(1, time);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PastCanvas(width, height, r.getLong(1), r.getLong(2), r.getLong(3),
                    assemble(r.getBytes(4))));
            }
        } catch (SQLException e) {
            throw failure("read a snapshot", e);
        }
    }

    @Override
    public synchronized List<Long> times() {
        List<Long> times = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT time FROM snapshots "
            + "ORDER BY time")) {
            while (r.next()) {
                times.add(r.getLong(1));
            }
        } catch (SQLException e) {
            throw failure("list snapshots", e);
        }
        return times;
    }

    @Override
    public synchronized void put(PastCanvas snapshot) {
        try {
            db.setAutoCommit(false);
            ByteBuffer hashes = ByteBuffer.allocate(tileCount() * HASH_BYTES);
            try (PreparedStatement tile = db.prepareStatement("INSERT OR IGNORE INTO tiles (hash, body) VALUES (?, ?)")) {
                for (int t = 0; t < tileCount(); t++) {
                    byte[] content = tileOf(snapshot.indexes(), t);
                    byte[] hash = hash(content);
                    hashes.put(hash);
                    tile.setBytes(1, hash);
                    tile.setBytes(2, deflate(content));
                    tile.addBatch();
                }
                tile.executeBatch();
            }
            try (PreparedStatement row = db.prepareStatement("INSERT OR REPLACE INTO snapshots (time, commit_point, "
                + "placements, size, tiles) VALUES (?, ?, ?, ?, ?)")) {
                row.setLong(1, snapshot.time());
                row.setLong(2, snapshot.commitPoint());
                row.setLong(3, snapshot.placements());
                row.setString(4, width + "x" + height);
                row.setBytes(5, hashes.array());
                row.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw failure("store a snapshot", e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized void dropFrom(long time) {
        execute("DELETE FROM snapshots WHERE time >= " + time);
        collectTiles();
    }

    @Override
    public synchronized void delete(Collection<Long> times) {
        try (PreparedStatement s = db.prepareStatement("DELETE FROM snapshots WHERE time = ?")) {
            for (long time : times) {
                s.setLong(1, time);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure("thin snapshots", e);
        }
        collectTiles();
    }

    /** Deletes the tiles no snapshot names any more (their pages go back to the disk: full auto-vacuum). */
    private void collectTiles() {
        Set<ByteBuffer> named = new HashSet<>();
        List<byte[]> unnamed = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT tiles FROM snapshots")) {
                while (r.next()) {
                    byte[] hashes = r.getBytes(1);
                    for (int at = 0; at < hashes.length; at += HASH_BYTES) {
                        named.add(ByteBuffer.wrap(Arrays.copyOfRange(hashes, at, at + HASH_BYTES)));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT hash FROM tiles")) {
                while (r.next()) {
                    byte[] hash = r.getBytes(1);
                    if (!named.contains(ByteBuffer.wrap(hash))) {
                        unnamed.add(hash);
                    }
                }
            }
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM tiles WHERE hash = ?")) {
                for (byte[] hash : unnamed) {
                    delete.setBytes(1, hash);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        } catch (SQLException e) {
            throw failure("collect unused tiles", e);
        }
    }

    private int tilesAcross() {
        return (width + TILE - 1) / TILE;
    }

    private int tileCount() {
        return tilesAcross() * ((height + TILE - 1) / TILE);
    }

    private byte[] tileOf(byte[] canvas, int tile) {
        int x0 = (tile % tilesAcross()) * TILE;
        int y0 = (tile / tilesAcross()) * TILE;
        int w = Math.min(TILE, width - x0);
        int h = Math.min(TILE, height - y0);
        byte[] content = new byte[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(canvas, (y0 + row) * width + x0, content, row * w, w);
        }
        return content;
    }

    private byte[] assemble(byte[] hashes) throws SQLException {
        byte[] canvas = new byte[width * height];
        try (PreparedStatement s = db.prepareStatement("SELECT body FROM tiles WHERE hash = ?")) {
            for (int t = 0; t < tileCount(); t++) {
                s.setBytes(1, Arrays.copyOfRange(hashes, t * HASH_BYTES, (t + 1) * HASH_BYTES));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new SQLException("snapshot tile " + t + " is missing");
                    }
                    byte[] content = inflate(r.getBytes(1));
                    int x0 = (t % tilesAcross()) * TILE;
                    int y0 = (t / tilesAcross()) * TILE;
                    int w = Math.min(TILE, width - x0);
                    for (int row = 0; row < content.length / w; row++) {
                        System.arraycopy(content, row * w, canvas, (y0 + row) * width + x0, w);
                    }
                }
            }
        }
        return canvas;
    }

    private static byte[] hash(byte[] content) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(content), HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(content);
            deflater.finish();
            byte[] out = new byte[content.length + 64];
            int size = deflater.deflate(out);
            return Arrays.copyOf(out, size);
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] body) throws SQLException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            byte[] out = new byte[TILE * TILE];
            int size = inflater.inflate(out);
            return Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new SQLException("a damaged snapshot tile: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private void execute(String sql) {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw failure("update the snapshot cache", e);
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("end a snapshot transaction", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close the snapshot cache", e);
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("the snapshot cache failed to " + what + ": " + e.getMessage(), e);
    }
}
