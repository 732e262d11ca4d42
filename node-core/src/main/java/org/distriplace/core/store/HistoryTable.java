package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.history.ChunkCodec;
import org.distriplace.core.history.DotRanges;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;

/**
 * The history's tables on the store's connection: every committed write, in chunks ({@link ChunkCodec}), each a row
 * numbered by the ordinal of its first write, with its kind and time range; and the users the chunks name by id.
 * A {@code LOG} chunk holds writes this replica applied in order (restart recovery replays them); a {@code BACKFILL}
 * chunk holds writes fetched for the history only. A dot is stored once. The newest chunk stays open until it holds
 * {@link #CHUNK_WRITES} writes, so a quiet canvas (a write a batch) still pays the row's cost once per chunk, not once
 * per write. Runs inside the store's transactions; not thread-safe.
 */
final class HistoryTable {

    /** Chunk kinds. */
    static final int LOG = 0;
    static final int BACKFILL = 1;
    /** A chunk is closed once it holds this many writes. */
    static final int CHUNK_WRITES = 1_024;

    /** The newest chunk, still taking writes. */
    private static final class OpenChunk {
        final long seq;
        final int kind;
        final List<PixelWrite> writes;

        OpenChunk(long seq, int kind, List<PixelWrite> writes) {
            this.seq = seq;
            this.kind = kind;
            this.writes = writes;
        }
    }

    private final Connection db;
    private final int width;
    private final Map<String, Integer> userIds = new HashMap<>();
    private final Map<Integer, String> userNames = new HashMap<>();
    private final DotRanges dots = new DotRanges();
    private long nextOrdinal = 1;
    private OpenChunk open;

    HistoryTable(Connection db, int width) {
        this.db = db;
        this.width = width;
    }

    /**
     * Creates the tables, moves writes from the row-per-write table of older data directories, and loads the users
     * and the dots held.
     */
    void open(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, "
            + "count INTEGER NOT NULL, min_time INTEGER NOT NULL, max_time INTEGER NOT NULL, body BLOB NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS history_by_time ON history (min_time)");
        try (ResultSet r = s.executeQuery("SELECT id, name FROM users")) {
            while (r.next()) {
                userIds.put(r.getString(2), r.getInt(1));
                userNames.put(r.getInt(1), r.getString(2));
            }
        }
        try (ResultSet r = s.executeQuery("SELECT seq, count, body, kind FROM history ORDER BY seq")) {
            while (r.next()) {
                nextOrdinal = r.getLong(1) + r.getInt(2);
                byte[] body = r.getBytes(3);
                ChunkCodec.scan(body, (index, x, y, timestamp, dot) -> dots.add(dot));
                open = r.getInt(2) < CHUNK_WRITES ? new OpenChunk(r.getLong(1), r.getInt(4),
                    new ArrayList<>(ChunkCodec.decode(body, userNames::get))) : null;
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
        long snapshotAfter = 0;
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
                if (chunk.size() == 4_096) {
                    append(chunk, LOG);
                    chunk.clear();
                }
            }
        }
        append(chunk, LOG);
        s.execute("UPDATE snapshots SET after_seq = " + keptBeforeSnapshot);
        s.execute("DROP TABLE writes");
    }

    /** Stores the writes not stored yet as one chunk of {@code kind}; returns how many were new. */
    int append(List<PixelWrite> writes, int kind) throws SQLException {
        List<PixelWrite> fresh = new ArrayList<>(writes.size());
        for (PixelWrite write : writes) {
            if (dots.add(write.dot())) {
                fresh.add(write);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        if (open != null && open.kind == kind && open.writes.size() + fresh.size() <= CHUNK_WRITES) {
            open.writes.addAll(fresh);
            write(open, "UPDATE history SET kind = ?, count = ?, min_time = ?, max_time = ?, body = ? WHERE seq = ?");
        } else {
            open = new OpenChunk(nextOrdinal, kind, new ArrayList<>(fresh));
            write(open, "INSERT INTO history (kind, count, min_time, max_time, body, seq) VALUES (?, ?, ?, ?, ?, ?)");
        }
        nextOrdinal += fresh.size();
        return fresh.size();
    }

    /** Writes {@code chunk}'s row with {@code statement} (its parameters in the order of the UPDATE). */
    private void write(OpenChunk chunk, String statement) throws SQLException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (PixelWrite write : chunk.writes) {
            min = Math.min(min, write.timestamp());
            max = Math.max(max, write.timestamp());
        }
        try (PreparedStatement row = db.prepareStatement(statement)) {
            row.setInt(1, chunk.kind);
            row.setInt(2, chunk.writes.size());
            row.setLong(3, min);
            row.setLong(4, max);
            byte[] body = ChunkCodec.encode(chunk.writes, width, this::userId);
            // Small chunks do not deflate well; large ones lose about a fifth.
            row.setBytes(5, chunk.writes.size() >= CHUNK_WRITES / 4 ? ChunkCodec.deflate(body) : body);
            row.setLong(6, chunk.seq);
            row.executeUpdate();
        }
        if (chunk.writes.size() >= CHUNK_WRITES) {
            open = null;
        }
    }

    private int userId(String name) {
        Integer known = userIds.get(name);
        if (known != null) {
            return known;
        }
        int id = userIds.size() + 1;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO users (id, name) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("storage failed to add user " + name + ": " + e.getMessage(), e);
        }
        userIds.put(name, id);
        userNames.put(id, name);
        return id;
    }

    /** The LOG writes after ordinal {@code ordinal}, in order (what restart recovery replays). */
    List<PixelWrite> logAfter(long ordinal) throws SQLException {
        List<PixelWrite> writes = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT seq, body FROM history WHERE kind = " + LOG
            + " AND seq + count > ? ORDER BY seq")) {
            s.setLong(1, ordinal);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<PixelWrite> chunk = ChunkCodec.decode(r.getBytes(2), userNames::get);
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

    /** The ordinal of the last write stored (0 when none). */
    long lastOrdinal() {
        return nextOrdinal - 1;
    }

    /** Writes stored, of both kinds. */
    long size() {
        return dots.size();
    }
}
