package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.CanvasImage;

/**
 * What a moderator's rollback writes, worked out from history: each pixel to restore and the colour it gets back.
 * Pure: the caller reads the history (off the node's thread) and commits the restorations as ordinary writes.
 */
public final class RollbackPlan {

    /** One pixel to restore, and the colour it had. */
    public record Restore(int x, int y, Color color) {
    }

    /** The most pixels one rollback restores; a larger one is refused, to be done in parts. */
    public static final int MAX_PIXELS = 100_000;

    private RollbackPlan() {
    }

    /**
     * Undoes {@code user}'s placements among {@code window} (the writes stamped in the rollback's window): each pixel
     * they painted whose newest placement is still theirs, from the window, goes back to its colour in
     * {@code before} (the canvas as the window began). A pixel someone painted over since keeps that later work.
     *
     * @param newest the newest placement at (x, y) now, or null
     */
    public static List<Restore> ofPlayer(String user, List<PixelWrite> window, PastCanvas before,
                                         BiFunction<Integer, Integer, PixelWrite> newest, CanvasImage now) {
        Map<Integer, PixelWrite> painted = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (PixelWrite write : window) {
            if (write.user().equals(user)) {
                painted.put(write.y() * before.width() + write.x(), write);
                first = Math.min(first, write.timestamp());
                last = Math.max(last, write.timestamp());
            }
        }
        List<Restore> restores = new ArrayList<>();
        for (PixelWrite write : painted.values()) {
            PixelWrite top = newest.apply(write.x(), write.y());
            boolean stillTheirs = top != null && top.user().equals(user) && top.timestamp() >= first
                && top.timestamp() <= last;
            Color then = now.palette().color(before.indexes()[write.y() * before.width() + write.x()] & 0xFF);
            if (stillTheirs && !then.equals(now.colorAt(write.x(), write.y()))) {
                restores.add(new Restore(write.x(), write.y(), then));
            }
        }
        return restores;
    }

    /** Puts an area back as it was in {@code then}: each pixel of (x, y, w, h) whose colour differs now. */
    public static List<Restore> ofArea(int x, int y, int w, int h, PastCanvas then, CanvasImage now) {
        List<Restore> restores = new ArrayList<>();
        for (int row = y; row < y + h; row++) {
            for (int column = x; column < x + w; column++) {
                Color was = now.palette().color(then.indexes()[row * then.width() + column] & 0xFF);
                if (!was.equals(now.colorAt(column, row))) {
                    restores.add(new Restore(column, row, was));
                }
            }
        }
        return restores;
    }
}
