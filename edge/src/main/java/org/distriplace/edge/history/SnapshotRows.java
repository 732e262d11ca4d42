package org.distriplace.edge.history;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Seed 2's {@code snapshots} table: the canvas at a moment, zlib-compressed, with the log offset a rebuild of Redis
 * reads on from.
 */
final class SnapshotRows {

    /**
     * One snapshot.
     *
     * @param stamp       every placement stamped at most this is in it
     * @param placements  how many placements it holds
     * @param commitPoint the newest placement's stamp (0 when none)
     * @param logOffset   every placement stamped after {@code stamp} is at this log offset or after
     * @param canvas      palette indexes, row-major
     */
    record Snapshot(long stamp, long placements, long commitPoint, long logOffset, byte[] canvas) {
    }

    private SnapshotRows() {
    }

    /** The newest snapshot stamped at most {@code time}. */
    static Optional<Snapshot> floor(Connection connection, long time, int pixels) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT stamp, placements, commit_point, "
            + "log_offset, canvas FROM snapshots WHERE stamp <= ? ORDER BY stamp DESC LIMIT 1")) {
            select.setLong(1, time);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Snapshot(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                    inflate(row.getBytes(5), pixels)));
            }
        }
    }

    /** The newest snapshot's stamp (0 when there is none), without reading its canvas. */
    static long newestStamp(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(stamp), 0) FROM snapshots");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static void put(Connection connection, Snapshot snapshot) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshots (stamp, taken_at, "
            + "placements, commit_point, log_offset, canvas) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, snapshot.stamp());
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.setLong(3, snapshot.placements());
            insert.setLong(4, snapshot.commitPoint());
            insert.setLong(5, snapshot.logOffset());
            insert.setBytes(6, deflate(snapshot.canvas()));
            insert.executeUpdate();
        }
    }

    /** Forgets the snapshots at or after {@code stamp}: a placement stamped then arrived after they were taken. */
    static int dropFrom(Connection connection, long stamp) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM snapshots WHERE stamp >= ?")) {
            delete.setLong(1, stamp);
            return delete.executeUpdate();
        }
    }

    static int count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM snapshots");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    static byte[] deflate(byte[] canvas) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(canvas);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(canvas.length / 8 + 64);
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] inflate(byte[] compressed, int pixels) throws SQLException {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        byte[] canvas = new byte[pixels];
        try {
            int read = inflater.inflate(canvas);
            if (read != pixels || !inflater.finished()) {
                throw new SQLException("a snapshot holds " + read + " pixels, not the canvas's " + pixels);
            }
            return canvas;
        } catch (DataFormatException e) {
            throw new SQLException("a snapshot is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
