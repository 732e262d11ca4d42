package org.distriplace.edge.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.edge.sql.PgDatabase;

/**
 * Seed 2's snapshots, taken by the history service every {@code everyMs} (30 s by default): the canvas at a moment
 * {@code settleMs} in the past, so placements still on their way to the log (a slow edge, an outbox logged late)
 * have arrived; one that arrives later still drops the snapshots it belongs in, and they are taken again. With each,
 * the log offset from which every later placement is found, so a rebuild of Redis reads only the log after it.
 */
final class Snapshots {

    /** How often, and how far back: see the class. */
    record Policy(long everyMs, long settleMs) {
    }

    private final PgDatabase database;
    private final CanvasSettings canvas;
    private final PgHistory history;
    private final Policy policy;
    private long lastTakenMs;

    Snapshots(PgDatabase database, CanvasSettings canvas, Policy policy) {
        this.database = database;
        this.canvas = canvas;
        this.history = new PgHistory(database, canvas);
        this.policy = policy;
    }

    /** Takes a snapshot if one is due and placements arrived since the last; {@code positions}: the log's. */
    void maybeTake(Map<Integer, Long> positions) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastTakenMs < policy.everyMs()) {
            return;
        }
        lastTakenMs = now;
        long moment = Hlc.pack(now - policy.settleMs(), Hlc.LOGICAL_MASK);
        try (Connection connection = database.connection()) {
            // Only its stamp: the canvas is read (and inflated) once, by history.at, if a snapshot is due.
            long since = SnapshotRows.newestStamp(connection);
            if (since >= moment || !anyBetween(connection, since, moment)) {
                return;
            }
            PastCanvas past = history.at(moment);
            long fromOffset = Math.min(firstOffsetAfter(connection, moment),
                positions.values().stream().mapToLong(Long::longValue).min().orElse(0));
            SnapshotRows.put(connection, new SnapshotRows.Snapshot(moment, past.placements(), past.commitPoint(),
                fromOffset, past.indexes()));
        }
    }

    private static boolean anyBetween(Connection connection, long after, long through) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT 1 FROM pixel_events WHERE stamp > ? AND stamp <= ? LIMIT 1")) {
            select.setLong(1, after);
            select.setLong(2, through);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The lowest log offset of a stored placement stamped after {@code moment} (MAX_VALUE when none is). */
    private static long firstOffsetAfter(Connection connection, long moment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT coalesce(min(log_offset), " + Long.MAX_VALUE + ") FROM pixel_events WHERE stamp > ?")) {
            select.setLong(1, moment);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
