package org.distriplace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.store.SqliteEventStore;

/**
 * A long evening's history written straight into a node's data directory through the store the node uses (no
 * consensus: the history benchmark measures reading it back): placements at random pixels of a 1000x1000 canvas,
 * 32 colours, 5,000 players asking through three nodes, arriving at random over {@code hours}, in batches of 500
 * committed by the leader of the day (a failover every 250,000).
 */
final class HistoryData {

    static final int BATCH = 500;
    static final int PLAYERS = 5_000;
    /** Writes between failovers. */
    static final long LEADERSHIP = 250_000;
    /** 2026-11-30T18:00:00Z: an evening. */
    static final long START_MS = 1_796_061_600_000L;

    /** What was written: the span, and the bytes it takes on disk. */
    record Written(long placements, long firstMs, long lastMs, long fileBytes, long historyBytes, double seconds) {
    }

    private HistoryData() {
    }

    static Written write(Path dataDir, int width, int height, long placements, double hours) throws SQLException {
        long started = System.nanoTime();
        Palette palette = Palette.rPlace2022();
        Random random = new Random(14);
        double stepMs = hours * 3_600_000 / placements;
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(width, height).build();
        long firstMs = START_MS;
        long lastMs = START_MS;
        try (SqliteEventStore store = SqliteEventStore.open(dataDir, config)) {
            List<PixelWrite> batch = new ArrayList<>(BATCH);
            VectorClock clock = VectorClock.EMPTY;
            int leader = 3;
            long epoch = 1;
            double ms = START_MS;
            for (long i = 0; i < placements; i++) {
                if (i > 0 && i % LEADERSHIP == 0) { // a failover now and then: another leader, a new epoch
                    leader = leader == 3 ? 2 : 3;
                    epoch++;
                }
                ms += -Math.log(1 - random.nextDouble()) * stepMs; // players arrive at random (Poisson)
                lastMs = (long) ms;
                firstMs = i == 0 ? lastMs : firstMs;
                long stamp = Hlc.pack(lastMs, random.nextInt(3));
                long asked = Hlc.pack(lastMs - random.nextInt(150), 0);
                clock = clock.with(leader, clock.get(leader) + 1);
                batch.add(new PixelWrite(random.nextInt(width), random.nextInt(height),
                    palette.color(random.nextInt(palette.size())), "player-" + random.nextInt(PLAYERS),
                    1 + random.nextInt(3), asked, stamp, leader, clock, epoch, i / BATCH + 1));
                if (batch.size() == BATCH) {
                    store.appendCommitted(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                store.appendCommitted(batch);
            }
        }
        Path db = dataDir.resolve(SqliteEventStore.FILE_NAME);
        return new Written(placements, firstMs, lastMs, bytes(db), historyBytes(db),
            (System.nanoTime() - started) / 1e9);
    }

    private static long bytes(Path db) {
        try {
            long total = Files.size(db);
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            return Files.exists(wal) ? total + Files.size(wal) : total;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The chunks' bodies plus the users table: what the history itself takes, without SQLite's pages around it. */
    private static long historyBytes(Path db) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT sum(length(body)) FROM history) + "
                 + "(SELECT sum(length(name)) + 4 * count(*) FROM users)")) {
            return r.next() ? r.getLong(1) : -1;
        }
    }
}
