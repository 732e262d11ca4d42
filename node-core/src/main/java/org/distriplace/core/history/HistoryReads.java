package org.distriplace.core.history;

import java.util.List;
import org.distriplace.core.model.PixelWrite;

/**
 * The canvas's history as the API reads it: its span and each pixel's placements. A node reads its own chunks
 * ({@link History}); an edge reads PostgreSQL. Thread-safe; calls may block, so they run on readers' threads.
 */
public interface HistoryReads {

    /** The span of the history: first and last commit stamps (0 when empty) and the number of placements. */
    record Range(long first, long last, long placements) {
    }

    Range range();

    /**
     * The placements at (x, y) stamped before {@code before} (an HLC value), newest first
     * ({@link History#NEWEST_FIRST}), at most {@code limit}.
     */
    List<PixelWrite> pixel(int x, int y, int limit, long before);
}
