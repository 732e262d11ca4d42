package org.distriplace.edge.history;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.edge.Placement;
import org.postgresql.PGConnection;

/** Reading and writing seed 2's {@code pixel_events} table: placements, their day partitions, their order. */
final class EventRows {

    /** Every read of events orders them as a replica replays them: by stamp, then band, then sequence. */
    private static final String SELECT = "SELECT band, seq, stamp, x, y, color, edge, user_id FROM pixel_events ";

    private static final String COLUMNS = "band, seq, x, y, color, user_id, edge, stamp, placed_at, log_offset";

    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** The day partitions known to exist (created once each, by whoever needs them first). */
    private static final Set<String> PARTITIONS = ConcurrentHashMap.newKeySet();

    private EventRows() {
    }

    /**
     * Stores {@code placements} read at {@code offsets}; those already stored (a placement logged twice: its outbox
     * sweep raced its first append) are skipped. Runs in the caller's transaction; returns how many it stored.
     */
    static long insert(Connection connection, List<Placement> placements, List<Long> offsets) throws SQLException {
        // Each day once a batch: naming the connection's schema is a query of its own.
        Set<LocalDate> days = new java.util.TreeSet<>();
        for (Placement placement : placements) {
            days.add(day(placement.ms()));
        }
        for (LocalDate day : days) {
            ensurePartition(connection, day);
        }
        // COPY costs PostgreSQL less than half of what the same rows cost as INSERTs, but it cannot skip a row it
        // holds: a batch with a placement already stored (rare) is stored again row by row, skipping it.
        Savepoint beforeCopy = connection.setSavepoint();
        try {
            long stored = copy(connection, placements, offsets);
            connection.releaseSavepoint(beforeCopy);
            return stored;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeCopy);
            return insertSkippingStored(connection, placements, offsets);
        }
    }

    private static long copy(Connection connection, List<Placement> placements, List<Long> offsets)
        throws SQLException {
        StringBuilder rows = new StringBuilder(placements.size() * 80);
        for (int i = 0; i < placements.size(); i++) {
            Placement placement = placements.get(i);
            rows.append(placement.band()).append('\t').append(placement.seq()).append('\t').append(placement.x())
                .append('\t').append(placement.y()).append('\t').append(placement.color()).append('\t');
            appendCopyText(rows, placement.user());
            rows.append('\t').append(placement.edge()).append('\t').append(placement.stamp()).append('\t')
                .append(Instant.ofEpochMilli(placement.ms())).append('\t').append(offsets.get(i)).append('\n');
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY pixel_events (" + COLUMNS
                + ") FROM STDIN", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("could not send the placements to PostgreSQL", e);
        }
    }

    /** {@code text} in COPY's text format: its backslashes, tabs and line ends escaped. */
    static void appendCopyText(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** Row by row (rare: only a batch holding a placement logged twice comes here), counting what is new. */
    private static long insertSkippingStored(Connection connection, List<Placement> placements, List<Long> offsets)
        throws SQLException {
        long stored = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pixel_events (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
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
                stored += insert.executeUpdate();
            }
        }
        return stored;
    }

    private static LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Forgets which day partitions exist: a batch that failed may have rolled back the one it created, which its
     * retry must create again.
     */
    static void forgetPartitions() {
        PARTITIONS.clear();
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
