package org.distriplace.core.canvas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.model.Stamp;

/**
 * One node's copy of the canvas: a palette index per pixel plus a last-write-wins stamp per pixel. Applying writes
 * in any order, any number of times, gives the same canvas (a last-write-wins register per pixel).
 *
 * <p>A shard's replica covers only the shard's rectangle (ADR 0017): it is placed at an origin, and takes and
 * answers canvas coordinates, while its arrays, tiles, rows and hashes are its own (so replicas of one shard
 * compare as whole canvases do). The whole canvas is the rectangle at {@code (0,0)}.
 *
 * <p>Keeps a 64-bit digest per square tile and a whole-canvas state hash up to date incrementally (XOR of a mixed
 * hash per written pixel), so two replicas compare in O(1) and find their differing tiles in O(tiles).
 * Not thread-safe: owned by the node's thread.
 */
public final class CanvasReplica {

    private final int originX;
    private final int originY;
    private final int width;
    private final int height;
    private final int tileSize;
    private final int tilesX;
    private final Palette palette;
    private final byte[] colors;
    private final long[] timestamps;
    private final int[] nodeIds;
    private final long[] tileDigests;
    private long stateHash;

    /** The whole canvas. */
    public CanvasReplica(int width, int height, int tileSize, Palette palette) {
        this(0, 0, width, height, tileSize, palette);
    }

    /** The {@code width × height} rectangle of the canvas whose top left pixel is {@code (originX, originY)}. */
    public CanvasReplica(int originX, int originY, int width, int height, int tileSize, Palette palette) {
        if (originX < 0 || originY < 0) {
            throw new IllegalArgumentException("origin out of range: " + originX + "," + originY);
        }
        if (width < 1 || height < 1 || (long) width * height > 1L << 28) {
            throw new IllegalArgumentException("canvas size out of range: " + width + "x" + height);
        }
        if (tileSize < 1) {
            throw new IllegalArgumentException("tile size must be positive");
        }
        this.originX = originX;
        this.originY = originY;
        this.width = width;
        this.height = height;
        this.tileSize = tileSize;
        this.tilesX = ceilDiv(width, tileSize);
        this.palette = palette;
        this.colors = new byte[width * height];
        Arrays.fill(colors, (byte) palette.backgroundIndex());
        this.timestamps = new long[width * height];
        this.nodeIds = new int[width * height];
        this.tileDigests = new long[tilesX * ceilDiv(height, tileSize)];
    }

    /** The canvas column of this replica's first column. */
    public int originX() {
        return originX;
    }

    /** The canvas row of this replica's first row. */
    public int originY() {
        return originY;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int tileSize() {
        return tileSize;
    }

    public int tileCount() {
        return tileDigests.length;
    }

    public Palette palette() {
        return palette;
    }

    /** Whether canvas pixel {@code (x, y)} lies in this replica's rectangle. */
    public boolean contains(int x, int y) {
        return x >= originX && y >= originY && x - originX < width && y - originY < height;
    }

    /** Applies a write if its stamp is newer than the pixel's; returns whether the pixel changed. */
    public boolean apply(PixelWrite write) {
        int index = palette.indexOf(write.color());
        if (index < 0 || !contains(write.x(), write.y())) {
            return false;
        }
        return apply(write.x() - originX, write.y() - originY, index, write.timestamp(), write.nodeId());
    }

    /** Applies to local pixel {@code (x, y)} (from this replica's origin). */
    private boolean apply(int x, int y, int colorIndex, long timestamp, int nodeId) {
        int at = y * width + x;
        Stamp incoming = new Stamp(timestamp, nodeId);
        if (!incoming.isAfter(new Stamp(timestamps[at], nodeIds[at]))) {
            return false;
        }
        long change = pixelHash(at) ^ pixelHash(at, colorIndex, timestamp, nodeId);
        colors[at] = (byte) colorIndex;
        timestamps[at] = timestamp;
        nodeIds[at] = nodeId;
        tileDigests[tileOf(x, y)] ^= change;
        stateHash ^= change;
        return true;
    }

    public int colorIndexAt(int x, int y) {
        return colors[local(x, y)] & 0xFF;
    }

    public Color colorAt(int x, int y) {
        return palette.color(colorIndexAt(x, y));
    }

    public Stamp stampAt(int x, int y) {
        int at = local(x, y);
        return new Stamp(timestamps[at], nodeIds[at]);
    }

    public boolean isWritten(int x, int y) {
        return timestamps[local(x, y)] != 0;
    }

    /** The array offset of canvas pixel {@code (x, y)}. */
    private int local(int x, int y) {
        return (y - originY) * width + x - originX;
    }

    /** Palette indexes, row-major from the origin (offset y × width + x): the binary canvas format. */
    public byte[] copyColors() {
        return colors.clone();
    }

    /** Palette indexes of {@code rows} whole rows from local row {@code firstRow}, row-major: a band of a view. */
    public byte[] copyRows(int firstRow, int rows) {
        if (firstRow < 0 || rows < 0 || firstRow + rows > height) {
            throw new IllegalArgumentException("rows " + firstRow + "+" + rows + " outside 0.." + height);
        }
        return Arrays.copyOfRange(colors, firstRow * width, (firstRow + rows) * width);
    }

    public long stateHash() {
        return stateHash;
    }

    /** The state hash as 16 hex digits, as it travels in SYNC_REQUEST. */
    public String stateHashHex() {
        return HexFormat.of().toHexDigits(stateHash);
    }

    public long[] tileDigests() {
        return tileDigests.clone();
    }

    /** Tiles whose digest differs from {@code theirs} (all tiles if the grids differ in shape). */
    public List<Integer> tilesDifferingFrom(long[] theirs) {
        List<Integer> differing = new ArrayList<>();
        for (int tile = 0; tile < tileDigests.length; tile++) {
            if (theirs.length != tileDigests.length || theirs[tile] != tileDigests[tile]) {
                differing.add(tile);
            }
        }
        return differing;
    }

    public TileState tile(int index) {
        int x0 = (index % tilesX) * tileSize;
        int y0 = (index / tilesX) * tileSize;
        int w = Math.min(tileSize, width - x0);
        int h = Math.min(tileSize, height - y0);
        byte[] tileColors = new byte[w * h];
        long[] tileTimes = new long[w * h];
        int[] tileNodes = new int[w * h];
        for (int row = 0; row < h; row++) {
            int from = (y0 + row) * width + x0;
            System.arraycopy(colors, from, tileColors, row * w, w);
            System.arraycopy(timestamps, from, tileTimes, row * w, w);
            System.arraycopy(nodeIds, from, tileNodes, row * w, w);
        }
        return new TileState(index, tileColors, tileTimes, tileNodes);
    }

    /** Merges a tile pixel by pixel (last write wins); returns how many pixels changed. */
    public int merge(TileState tile) {
        if (tile.index() < 0 || tile.index() >= tileDigests.length) {
            return 0;
        }
        int x0 = (tile.index() % tilesX) * tileSize;
        int y0 = (tile.index() / tilesX) * tileSize;
        int w = Math.min(tileSize, width - x0);
        if (tile.colors().length != w * Math.min(tileSize, height - y0)) {
            return 0;
        }
        int changed = 0;
        for (int i = 0; i < tile.colors().length; i++) {
            int colorIndex = tile.colors()[i] & 0xFF;
            if (tile.timestamps()[i] != 0 && colorIndex < palette.size()
                && apply(x0 + i % w, y0 + i / w, colorIndex, tile.timestamps()[i], tile.nodeIds()[i])) {
                changed++;
            }
        }
        return changed;
    }

    private int tileOf(int x, int y) {
        return (y / tileSize) * tilesX + x / tileSize;
    }

    private long pixelHash(int at) {
        return timestamps[at] == 0 ? 0 : pixelHash(at, colors[at] & 0xFF, timestamps[at], nodeIds[at]);
    }

    private static long pixelHash(int at, int colorIndex, long timestamp, int nodeId) {
        long h = mix(at * 0x9E3779B97F4A7C15L + colorIndex);
        h = mix(h ^ timestamp);
        return mix(h ^ ((long) nodeId << 32));
    }

    /** SplitMix64's finaliser: a cheap, well-distributed 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
