package org.distriplace.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.core.history.ChunkSource;

/**
 * The history's chunks, read through a connection of their own (SQLite's write-ahead log lets it read while the
 * node's store writes), so history reads never wait for the node's thread or its writer. Thread-safe: one reader at
 * a time on the connection; user names are cached.
 */
public final class SqliteChunkSource implements ChunkSource, AutoCloseable {

    private final Connection db;
    private final Map<Integer, String> users = new ConcurrentHashMap<>();

    private SqliteChunkSource(Connection db) {
        this.db = db;
    }

    /** Opens the history of the store in {@code dataDir} for reading (the store must have been opened first). */
    public static SqliteChunkSource open(Path dataDir) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteEventStore.FILE_NAME));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA query_only = true");
            }
            return new SqliteChunkSource(db);
        } catch (SQLException e) {
            throw new StorageException("cannot read the history in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The size of canvas the store was made for. */
    public record CanvasSize(int width, int height) {
    }

    /** The canvas size the store in this directory was made for (it refuses to open with another). */
    public synchronized CanvasSize canvasSize() {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'canvas'")) {
            if (!r.next()) {
                throw new StorageException("the store records no canvas size", null);
            }
            String[] size = r.getString(1).split("x");
            return new CanvasSize(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        } catch (SQLException e) {
            throw failure("read the canvas size", e);
        }
    }

    @Override
    public synchronized void forEach(Visitor visitor) {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT seq, body FROM history "
            + "ORDER BY seq")) {
            while (r.next()) {
                visitor.chunk(r.getLong(1), r.getBytes(2));
            }
        } catch (SQLException e) {
            throw failure("read the history", e);
        }
    }

    @Override
    public synchronized void forEachBetween(long after, long through, Visitor visitor) {
        try (PreparedStatement s = db.prepareStatement("SELECT seq, body FROM history WHERE min_time <= ? "
            + "AND max_time > ? ORDER BY seq")) {
            s.setLong(1, through);
            s.setLong(2, after);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    visitor.chunk(r.getLong(1), r.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw failure("read the history between two times", e);
        }
    }

    @Override
    public synchronized byte[] chunk(long seq) {
        try (PreparedStatement s = db.prepareStatement("SELECT body FROM history WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new StorageException("the history has no chunk " + seq, null);
                }
                return r.getBytes(1);
            }
        } catch (SQLException e) {
            throw failure("read history chunk " + seq, e);
        }
    }

    @Override
    public String userName(int id) {
        return users.computeIfAbsent(id, this::loadUser);
    }

    private synchronized String loadUser(int id) {
        try (PreparedStatement s = db.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "user-" + id;
            }
        } catch (SQLException e) {
            throw failure("read user " + id, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close the history reader", e);
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("storage failed to " + what + ": " + e.getMessage(), e);
    }
}
