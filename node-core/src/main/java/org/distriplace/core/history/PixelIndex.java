package org.distriplace.core.history;

import java.util.Arrays;

/**
 * For every pixel, the ordinals of the writes it received, as a chain (the newest stored first, each pointing to the
 * one stored before it), with each write's stamp, so a pixel's placements are found without reading any chunk:
 * 12 bytes a write in memory, and 4 bytes a pixel of each 64×64 tile written at all. Not thread-safe: {@link History}
 * guards it.
 */
final class PixelIndex {

    private static final int NONE = 0;
    private static final int TILE = 64;

    private final int tilesAcross;
    /** Per tile (allocated when first written), per pixel, the ordinal of the write stored last there. */
    private final int[][] heads;
    /** Per ordinal, the ordinal stored before it at the same pixel. */
    private int[] previous = new int[1 << 12];
    private long[] timestamps = new long[1 << 12];

    PixelIndex(int width, int height) {
        this.tilesAcross = (width + TILE - 1) / TILE;
        this.heads = new int[tilesAcross * ((height + TILE - 1) / TILE)][];
    }

    private int[] tileOf(int x, int y, boolean create) {
        int tile = (y / TILE) * tilesAcross + x / TILE;
        if (heads[tile] == null && create) {
            heads[tile] = new int[TILE * TILE];
        }
        return heads[tile];
    }

    private static int inTile(int x, int y) {
        return (y % TILE) * TILE + x % TILE;
    }

    /** Adds write {@code ordinal} (1, 2, 3 … in the order stored) at (x, y), stamped {@code timestamp}. */
    void add(long ordinal, int x, int y, long timestamp) {
        int at = Math.toIntExact(ordinal);
        if (at >= previous.length) {
            int size = Math.max(previous.length * 2, at + 1);
            previous = Arrays.copyOf(previous, size);
            timestamps = Arrays.copyOf(timestamps, size);
        }
        int[] head = tileOf(x, y, true);
        int pixel = inTile(x, y);
        previous[at] = head[pixel];
        timestamps[at] = timestamp;
        head[pixel] = at;
    }

    /** Receives the ordinals of one pixel's writes, with their stamps (in the order stored, newest first). */
    @FunctionalInterface
    interface Visitor {
        void write(int ordinal, long timestamp);
    }

    void forEachAt(int x, int y, Visitor visitor) {
        int[] head = tileOf(x, y, false);
        if (head == null) {
            return;
        }
        for (int at = head[inTile(x, y)]; at != NONE; at = previous[at]) {
            visitor.write(at, timestamps[at]);
        }
    }
}
