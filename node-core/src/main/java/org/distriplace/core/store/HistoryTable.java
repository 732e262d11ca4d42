package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.distriplace.core.history.ChunkCodec;
import org.distriplace.core.history.DotRanges;
import org.distriplace.core.history.HistoryWriter;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;

/**
 * The history's tables on the store's connection: a row per chunk ({@link HistoryWriter} makes them) with its kind,
 * write count and time range, and the users the chunks name by id. Moves the row-per-write table of older data
 * directories into chunks. Tells a listener of each chunk written once its transaction commits. Runs inside the
 * store's transactions; not thread-safe.
 */
final class HistoryTable implements HistoryWriter.Sink {

    private final Connection db;
    private final HistoryWriter writer;
    private BiConsumer<Long, byte[]> listener = (seq, body) -> { };

    HistoryTable(Connection db, int width) {
        this.db = db;
        this.writer = new HistoryWriter(width, this);
    }

    /**
     * Creates the tables, moves writes from the row-per-write table of older data directories, and restores the
     * users and chunks kept.
     */
    void open(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, "
            + "count INTEGER NOT NULL, min_time INTEGER NOT NULL, max_time INTEGER NOT NULL, body BLOB NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS history_by_time ON history (min_time)");
        try (ResultSet r = s.executeQuery("SELECT id, name FROM users ORDER BY id")) {
            while (r.next()) {
                writer.restoreUser(r.getInt(1), r.getString(2));
            }
        }
        try (ResultSet r = s.executeQuery("SELECT seq, kind, body FROM history ORDER BY seq")) {
            while (r.next()) {
                writer.restoreChunk(r.getLong(1), r.getInt(2), r.getBytes(3));
            }
        }
        migrateRowPerWriteTable(s);
    }

    /**
     * Data directories written before the history had chunks kept a row per write: they become LOG chunks, in the
     * same order, and the recovery snapshot's position is carried over.
     */
    private void migrateRowPerWriteTable(Statement s) throws SQLException {
        if (!SqliteEventStore.tableExists(s, "writes")) {
            return;
        }
        long snapshotAfter;
        try (ResultSet r = s.executeQuery("SELECT COALESCE(MAX(after_seq), 0) FROM snapshots")) {
            snapshotAfter = r.next() ? r.getLong(1) : 0;
        }
        long keptBeforeSnapshot = 0;
        List<PixelWrite> chunk = new ArrayList<>();
        try (Statement read = db.createStatement(); ResultSet r = read.executeQuery("SELECT seq, x, y, color, user, "
            + "origin, request_id, timestamp, node_id, clock, epoch, batch FROM writes ORDER BY seq")) {
            while (r.next()) {
                if (r.getLong(1) <= snapshotAfter) {
                    keptBeforeSnapshot++;
                }
                chunk.add(new PixelWrite(r.getInt(2), r.getInt(3), new Color(r.getInt(4)), r.getString(5), r.getInt(6),
                    r.getLong(7), r.getLong(8), r.getInt(9), BinaryFormat.clock(r.getBytes(10)), r.getLong(11),
                    r.getLong(12)));
                if (chunk.size() == HistoryWriter.CHUNK_WRITES) {
                    writer.append(chunk, HistoryWriter.LOG);
                    chunk.clear();
                }
            }
        }
        writer.append(chunk, HistoryWriter.LOG);
        s.execute("UPDATE snapshots SET after_seq = " + keptBeforeSnapshot);
        s.execute("DROP TABLE writes");
    }

    /** Stores the writes not stored yet, of {@code kind}; returns how many were new. */
    int append(List<PixelWrite> writes, int kind) {
        return writer.append(writes, kind);
    }

    /** The dots the history holds (a copy). */
    DotRanges dots() {
        return writer.dots();
    }

    @Override
    public void putChunk(long seq, int kind, int count, long minTime, long maxTime, byte[] body, boolean replace) {
        String sql = replace
            ? "UPDATE history SET kind = ?, count = ?, min_time = ?, max_time = ?, body = ? WHERE seq = ?"
            : "INSERT INTO history (kind, count, min_time, max_time, body, seq) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement row = db.prepareStatement(sql)) {
            row.setInt(1, kind);
            row.setInt(2, count);
            row.setLong(3, minTime);
            row.setLong(4, maxTime);
            row.setBytes(5, body);
            row.setLong(6, seq);
            row.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("storage failed to write history chunk " + seq + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putUser(int id, String name) {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO users (id, name) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("storage failed to add user " + name + ": " + e.getMessage(), e);
        }
    }

    /** The LOG writes after ordinal {@code ordinal}, in order (what restart recovery replays). */
    List<PixelWrite> logAfter(long ordinal) throws SQLException {
        List<PixelWrite> writes = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT seq, body FROM history WHERE kind = "
            + HistoryWriter.LOG + " AND seq + count > ? ORDER BY seq")) {
            s.setLong(1, ordinal);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<PixelWrite> chunk = ChunkCodec.decode(r.getBytes(2), writer::userName);
                    long first = r.getLong(1);
                    for (int i = 0; i < chunk.size(); i++) {
                        if (first + i > ordinal) {
                            writes.add(chunk.get(i));
                        }
                    }
                }
            }
        }
        return writes;
    }

    /** Who hears of each chunk written, once its transaction commits (the history's reader). */
    void onWritten(BiConsumer<Long, byte[]> listener) {
        this.listener = listener;
    }

    /** The transaction committed: the chunks it wrote are told, in order. */
    void committed() {
        writer.drainWritten().forEach(listener);
    }

    /** The transaction rolled back (the node stops): nothing it wrote is told. */
    void rolledBack() {
        writer.drainWritten();
    }

    /** The ordinal of the last write stored (0 when none). */
    long lastOrdinal() {
        return writer.lastOrdinal();
    }

    /** Writes stored, of both kinds. */
    long size() {
        return writer.size();
    }
}
