package org.distriplace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.store.SqliteChunkSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryDataTest {

    @TempDir
    Path dir;

    @Test
    void theEveningIsStoredWholeAndSpreadOverItsHours() throws Exception {
        HistoryData.Written written = HistoryData.write(dir, 100, 100, 2_345, 1);

        try (SqliteChunkSource chunks = SqliteChunkSource.open(dir)) {
            HistoryReads.Range range = History.load(chunks, 100, 100).range();
            assertEquals(2_345, range.placements());
        }
        assertTrue(written.firstMs() >= HistoryData.START_MS && written.firstMs() < HistoryData.START_MS + 60_000,
            written.toString());
        assertTrue(written.lastMs() - written.firstMs() > 3_000_000, "about an hour: " + written);
        assertTrue(written.historyBytes() > 0 && written.historyBytes() < written.fileBytes(), written.toString());
    }
}
