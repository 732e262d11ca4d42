package org.distriplace.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.distriplace.core.history.PastCanvas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSnapshotsTest {

    private static final int WIDTH = 150;
    private static final int HEIGHT = 70;

    @TempDir
    Path dir;

    private static PastCanvas canvas(long time, byte[] indexes) {
        return new PastCanvas(WIDTH, HEIGHT, time, time - 1, time / 10, indexes.clone());
    }

    private long tiles() throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteSnapshots.FILE_NAME));
             ResultSet r = db.createStatement().executeQuery("SELECT COUNT(*) FROM tiles")) {
            return r.getLong(1);
        }
    }

    @Test
    void snapshotsComeBackWholeAndShareTheTilesNobodyPainted() throws Exception {
        Random random = new Random(3);
        byte[] first = new byte[WIDTH * HEIGHT];
        random.nextBytes(first);
        byte[] second = first.clone();
        second[5 * WIDTH + 140] = 9; // one pixel in the last tile of the first row of tiles
        try (SqliteSnapshots snapshots = SqliteSnapshots.open(dir, WIDTH, HEIGHT)) {
            snapshots.put(canvas(1_000, first));
            snapshots.put(canvas(2_000, second));
            assertEquals(List.of(1_000L, 2_000L), snapshots.times());
            PastCanvas back = snapshots.floor(1_999).orElseThrow();
            assertArrayEquals(first, back.indexes());
            assertEquals(999, back.commitPoint());
            assertEquals(100, back.placements());
            assertArrayEquals(second, snapshots.floor(5_000).orElseThrow().indexes());
            assertTrue(snapshots.floor(999).isEmpty());
            assertEquals(3 * 2 + 1, tiles(), "six tiles, one of them changed");

            snapshots.delete(List.of(1_000L));
            assertEquals(6, tiles(), "the tile only the deleted snapshot named is gone");
            snapshots.dropFrom(2_000);
            assertEquals(List.of(), snapshots.times());
            assertEquals(0, tiles());
            snapshots.put(canvas(3_000, second));
        }
        try (SqliteSnapshots other = SqliteSnapshots.open(dir, WIDTH + 1, HEIGHT)) {
            assertEquals(List.of(), other.times(), "a cache for another canvas size is dropped");
        }
    }

    /** Thinning deletes most of what the keeper stores: the pages come back, the file does not grow for ever. */
    @Test
    void pagesOfThinnedSnapshotsAreGivenBack() throws Exception {
        Random random = new Random(5);
        try (SqliteSnapshots snapshots = SqliteSnapshots.open(dir, WIDTH, HEIGHT)) {
            for (long time = 1; time <= 40; time++) {
                byte[] noise = new byte[WIDTH * HEIGHT];
                random.nextBytes(noise);
                snapshots.put(canvas(time * 1_000, noise));
            }
            long full = pages("page_count");
            snapshots.delete(snapshots.times().subList(0, 36));
            assertTrue(pages("freelist_count") <= 2, "free pages left: " + pages("freelist_count"));
            assertTrue(pages("page_count") < full / 3, pages("page_count") + " pages of " + full);
        }
    }

    private long pages(String pragma) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteSnapshots.FILE_NAME));
             ResultSet r = db.createStatement().executeQuery("PRAGMA " + pragma)) {
            return r.getLong(1);
        }
    }
}
