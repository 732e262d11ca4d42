package org.distriplace.edge.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.edge.Placement;

/** Reading and writing seed 2's {@code pixel_events} table: placements, their day partitions, their order. */
final class EventRows {

    /** Every read of events orders them as a replica replays them: by stamp, then band, then sequence. */
    private static final String SELECT = "SELECT band, seq, stamp, x, y, color, edge, user_id FROM pixel_events ";

    /** The day partitions known to exist (created once each, by whoever needs them first). */
    private static final Set<String> PARTITIONS = ConcurrentHashMap.newKeySet();

    private EventRows() {
    }

    /** Stores {@code placements} read at {@code offsets}; those already stored (replayed) are skipped. */
    static void insert(Connection connection, List<Placement> placements, List<Long> offsets) throws SQLException {
        for (Placement placement : placements) {
            ensurePartition(connection, day(placement.ms()));
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pixel_events (band, seq, x, y, "
            + "color, user_id, edge, stamp, placed_at, log_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < placements.size(); i++) {
                Placement placement = placements.get(i);
                insert.setInt(1, placement.band());
                insert.setLong(2, placement.seq());
                insert.setInt(3, placement.x());
                insert.setInt(4, placement.y());
                insert.setShort(5, (short) placement.color());
                insert.setString(6, placement.user());
                insert.setInt(7, placement.edge());
                insert.setLong(8, placement.stamp());
                insert.setTimestamp(9, Timestamp.from(Instant.ofEpochMilli(placement.ms())));
                insert.setLong(10, offsets.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static void ensurePartition(Connection connection, LocalDate day) throws SQLException {
        String name = "pixel_events_" + day.toString().replace("-", "");
        String key = connection.getSchema() + "." + name;
        if (PARTITIONS.contains(key)) {
            return;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF pixel_events FOR VALUES FROM ('"
                + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
        }
        PARTITIONS.add(key);
    }

    /** The placements stamped after {@code after} and at most {@code through}, in replay order. */
    static List<Placement> between(Connection connection, long after, long through) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT
            + "WHERE stamp > ? AND stamp <= ? ORDER BY stamp, band, seq")) {
            select.setLong(1, after);
            select.setLong(2, through);
            select.setFetchSize(10_000);
            return read(select);
        }
    }

    /** The placements at (x, y) stamped before {@code before}, newest first, at most {@code limit}. */
    static List<Placement> at(Connection connection, int x, int y, long before, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT
            + "WHERE x = ? AND y = ? AND stamp < ? ORDER BY stamp DESC, band DESC, seq DESC LIMIT ?")) {
            select.setInt(1, x);
            select.setInt(2, y);
            select.setLong(3, before);
            select.setInt(4, limit);
            return read(select);
        }
    }

    private static List<Placement> read(PreparedStatement select) throws SQLException {
        List<Placement> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long stamp = rows.getLong(3);
                found.add(new Placement(rows.getInt(1), rows.getLong(2), org.distriplace.core.clock.Hlc.physical(stamp),
                    org.distriplace.core.clock.Hlc.logical(stamp), rows.getInt(4), rows.getInt(5), rows.getShort(6),
                    rows.getInt(7), rows.getString(8)));
            }
        }
        return found;
    }
}
