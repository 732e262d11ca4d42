package org.distriplace.app.desktop.history;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * The node's history as the window reads it: on one thread of its own (never the JavaFX thread, never the node's),
 * and for the canvas at a moment, only the newest wish: a slider dragged across an evening asks for hundreds of
 * moments, and those overtaken before they start are skipped.
 */
public final class HistoryReader implements AutoCloseable {

    private final History history;
    private final TimeMachine past;
    private final Timelapse timelapse;
    private final Palette palette;
    private final int width;
    private final int height;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread reader = new Thread(task, "desktop-history");
        reader.setDaemon(true);
        return reader;
    });
    private final AtomicLong latest = new AtomicLong();

    public HistoryReader(History history, TimeMachine past, int width, int height, Palette palette) {
        this.history = history;
        this.past = past;
        this.palette = palette;
        this.width = width;
        this.height = height;
        this.timelapse = new Timelapse(past, width, height, palette);
    }

    public CompletableFuture<HistoryReads.Range> range() {
        return CompletableFuture.supplyAsync(history::range, thread);
    }

    /** Up to {@code limit} placements at (x, y) committed before {@code beforeMs} (exclusive), newest first. */
    public CompletableFuture<List<PixelWrite>> pixel(int x, int y, int limit, long beforeMs) {
        long before = beforeMs == Long.MAX_VALUE ? Long.MAX_VALUE : Hlc.pack(beforeMs, 0);
        return CompletableFuture.supplyAsync(() -> history.pixel(x, y, limit, before), thread);
    }

    /** The canvas after every placement up to {@code ms}; empty if a later wish overtook this one. */
    public CompletableFuture<Optional<PastCanvas>> at(long ms) {
        long wish = latest.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> wish == latest.get()
            ? Optional.of(past.at(Hlc.pack(ms, Hlc.LOGICAL_MASK))) : Optional.empty(), thread);
    }

    public Timelapse timelapse() {
        return timelapse;
    }

    /** The canvas's size, the whole of which a timelapse shows unless given a region. */
    public int canvasWidth() {
        return width;
    }

    public int canvasHeight() {
        return height;
    }

    public Palette palette() {
        return palette;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
