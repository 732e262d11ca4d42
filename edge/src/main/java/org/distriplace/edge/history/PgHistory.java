package org.distriplace.edge.history;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.core.history.PastReads;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.edge.RebuildStart;
import org.distriplace.edge.sql.PgDatabase;

/**
 * The history as an edge serves it (the same endpoints, JSON and headers as a node's): from the events and
 * snapshots the history service keeps in PostgreSQL. The canvas at a moment is the nearest snapshot before it plus
 * the events after, in replay order, as seed 2 reconstructs it. Reads block, on the API's history readers; a
 * database that does not answer fails the read (503), and nothing else.
 */
public final class PgHistory implements HistoryReads, PastReads {

    private final PgDatabase database;
    private final CanvasSettings canvas;

    public PgHistory(PgDatabase database, CanvasSettings canvas) {
        this.database = database;
        this.canvas = canvas;
    }

    @Override
    public Range range() {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                // The count is kept by the history service (counting every partition grows with the history).
                "SELECT coalesce(min(stamp), 0), coalesce(max(stamp), 0), (SELECT placements FROM history_totals) "
                    + "FROM pixel_events");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return new Range(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        });
    }

    @Override
    public List<PixelWrite> pixel(int x, int y, int limit, long before) {
        return read(connection -> EventRows.at(connection, x, y, before, limit).stream()
            .map(placement -> placement.write(canvas.palette())).toList());
    }

    @Override
    public int snapshotsKept() {
        return read(SnapshotRows::count);
    }

    @Override
    public PastCanvas at(long time) {
        return read(connection -> {
            int pixels = canvas.width() * canvas.height();
            Optional<SnapshotRows.Snapshot> base = SnapshotRows.floor(connection, time, pixels);
            byte[] indexes = base.map(SnapshotRows.Snapshot::canvas).orElseGet(() -> blank(pixels));
            long after = base.map(SnapshotRows.Snapshot::stamp).orElse(0L);
            List<PixelWrite> replay = EventRows.between(connection, after, time).stream()
                .map(placement -> placement.write(canvas.palette())).toList();
            long[] applied = TimeMachine.apply(replay, indexes, canvas.width(), canvas.palette());
            long commitPoint = Math.max(base.map(SnapshotRows.Snapshot::commitPoint).orElse(0L), applied[1]);
            return new PastCanvas(canvas.width(), canvas.height(), time, commitPoint,
                base.map(SnapshotRows.Snapshot::placements).orElse(0L) + applied[0], indexes);
        });
    }

    @Override
    public List<PixelWrite> between(long after, long through) {
        return read(connection -> EventRows.between(connection, after, through).stream()
            .map(placement -> placement.write(canvas.palette())).toList());
    }

    /**
     * Where a rebuild of Redis starts: the newest snapshot and its log offset, or a blank canvas and the whole log
     * when there is none or PostgreSQL does not answer (the log alone is enough; only slower).
     */
    public RebuildStart rebuildStart() {
        int pixels = canvas.width() * canvas.height();
        try (Connection connection = database.connection()) {
            Optional<SnapshotRows.Snapshot> newest = SnapshotRows.floor(connection, Long.MAX_VALUE, pixels);
            if (newest.isPresent()) {
                return new RebuildStart(newest.get().canvas(), newest.get().stamp(),
                    java.util.Map.of(0, newest.get().logOffset()));
            }
        } catch (SQLException e) {
            // Fall through: the whole log.
        }
        return new RebuildStart(blank(pixels), 0, java.util.Map.of());
    }

    private byte[] blank(int pixels) {
        byte[] indexes = new byte[pixels];
        Arrays.fill(indexes, (byte) canvas.palette().backgroundIndex());
        return indexes;
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Query<T> query) {
        try (Connection connection = database.connection()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new UncheckedIOException(new java.io.IOException("the history (PostgreSQL) did not answer: "
                + e.getMessage(), e));
        }
    }
}
