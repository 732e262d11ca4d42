package org.distriplace.app.desktop.canvas;

import java.nio.IntBuffer;
import java.util.Arrays;
import org.distriplace.core.model.Palette;

/**
 * The canvas as the screen shows it: one ARGB int per pixel, and the bounding box of what changed since the
 * image was last updated. Fed a whole-canvas snapshot, then the {@link PixelFeed}'s entries; until the first
 * snapshot (and again after a reload entry, until the fresh snapshot), entries wait, so an old snapshot never
 * overwrites newer pixels. Used on the UI thread only; plain Java, so it is tested without a screen.
 */
public final class CanvasPixels {

    private final int width;
    private final int height;
    private final Palette palette;
    private final IntBuffer buffer;
    private final int[] argb;
    private long[] waiting = new long[0];
    private int waitingCount;
    private boolean awaitingSnapshot = true;
    private int dirtyMinX = Integer.MAX_VALUE;
    private int dirtyMinY = Integer.MAX_VALUE;
    private int dirtyMaxX = -1;
    private int dirtyMaxY = -1;

    public CanvasPixels(int width, int height, Palette palette) {
        this.width = width;
        this.height = height;
        this.palette = palette;
        this.buffer = IntBuffer.allocate(width * height);
        this.argb = buffer.array();
        Arrays.fill(argb, 0xFF00_0000 | palette.background().rgb());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, for a {@code PixelBuffer} (INT_ARGB_PRE; every colour is opaque, so pre-multiplied as is). */
    public IntBuffer buffer() {
        return buffer;
    }

    public int argbAt(int x, int y) {
        return argb[y * width + x];
    }

    /** True while entries wait for a snapshot (at start, and after a reload). */
    public boolean awaitingSnapshot() {
        return awaitingSnapshot;
    }

    /** Applies a whole canvas (palette indices, row by row), then any entries that waited for it. */
    public void applySnapshot(byte[] indices) {
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF00_0000 | palette.color(indices[i] & 0xFF).rgb();
        }
        markDirty(0, 0, width - 1, height - 1);
        awaitingSnapshot = false;
        long[] replay = waiting;
        int count = waitingCount;
        waiting = new long[0];
        waitingCount = 0;
        apply(replay, count);
    }

    /**
     * Applies feed entries in order; returns true when a reload entry asks for a fresh snapshot (entries after
     * it wait for that snapshot, which includes them; applying them again after it is harmless).
     */
    public boolean apply(long[] entries, int count) {
        boolean reload = false;
        for (int i = 0; i < count; i++) {
            long entry = entries[i];
            if (entry == PixelFeed.RELOAD) {
                awaitingSnapshot = true;
                reload = true;
            } else if (awaitingSnapshot) {
                keep(entry);
            } else {
                int index = PixelFeed.index(entry);
                argb[index] = PixelFeed.argb(entry);
                int x = index % width;
                int y = index / width;
                markDirty(x, y, x, y);
            }
        }
        return reload;
    }

    private void keep(long entry) {
        if (waitingCount == waiting.length) {
            waiting = Arrays.copyOf(waiting, Math.max(256, waitingCount * 2));
        }
        waiting[waitingCount++] = entry;
    }

    private void markDirty(int minX, int minY, int maxX, int maxY) {
        dirtyMinX = Math.min(dirtyMinX, minX);
        dirtyMinY = Math.min(dirtyMinY, minY);
        dirtyMaxX = Math.max(dirtyMaxX, maxX);
        dirtyMaxY = Math.max(dirtyMaxY, maxY);
    }

    /**
     * The union of what changed since the last call, {@code {x, y, width, height}}, or null if nothing did;
     * resets it.
     */
    public int[] takeDirtyRegion() {
        if (dirtyMaxX < 0) {
            return null;
        }
        int[] region = {dirtyMinX, dirtyMinY, dirtyMaxX - dirtyMinX + 1, dirtyMaxY - dirtyMinY + 1};
        dirtyMinX = Integer.MAX_VALUE;
        dirtyMinY = Integer.MAX_VALUE;
        dirtyMaxX = -1;
        dirtyMaxY = -1;
        return region;
    }
}
