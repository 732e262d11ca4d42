package org.distriplace.core.protocol.shard;

import java.util.ArrayList;
import java.util.List;

/**
 * The canvas cut into {@code cols × rows} rectangular shards, as even as whole pixels allow (sizes differ by at most
 * one pixel). {@code 1x1} is one shard: the whole canvas, today's cluster.
 */
public final class ShardGrid {

    private final int width;
    private final int height;
    private final int cols;
    private final int rows;
    private final List<Shard> shards;

    private ShardGrid(int width, int height, int cols, int rows) {
        this.width = width;
        this.height = height;
        this.cols = cols;
        this.rows = rows;
        List<Shard> all = new ArrayList<>(cols * rows);
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                int x = edge(col, width, cols);
                int y = edge(row, height, rows);
                all.add(new Shard(row * cols + col, x, y, edge(col + 1, width, cols) - x,
                    edge(row + 1, height, rows) - y));
            }
        }
        this.shards = List.copyOf(all);
    }

    /**
     * A {@code width × height} canvas in {@code cols × rows} shards.
     *
     * @throws IllegalArgumentException if a shard would be narrower or shorter than one pixel
     */
    public static ShardGrid of(int width, int height, int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > width || rows > height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " canvas cannot be cut into " + cols
                + "x" + rows + " shards: each needs at least one pixel each way");
        }
        return new ShardGrid(width, height, cols, rows);
    }

    /** Parses {@code COLSxROWS} (as {@code --shards} takes it) for a {@code width × height} canvas. */
    public static ShardGrid parse(String layout, int width, int height) {
        String[] parts = layout.strip().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shards are given as COLSxROWS (such as 3x2), not '" + layout + "'");
        }
        try {
            return of(width, height, Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shards are given as COLSxROWS (such as 3x2), not '" + layout + "'");
        }
    }

    /** Where the {@code index}-th cut falls on a side of {@code length} pixels cut into {@code parts}. */
    private static int edge(int index, int length, int parts) {
        return (int) ((long) index * length / parts);
    }

    /** The column (or row) of pixel coordinate {@code p} on a side of {@code length} cut into {@code parts}. */
    private static int part(int p, int length, int parts) {
        int guess = (int) ((long) p * parts / length);
        while (guess + 1 < parts && edge(guess + 1, length, parts) <= p) {
            guess++;
        }
        while (edge(guess, length, parts) > p) {
            guess--;
        }
        return guess;
    }

    /** The shard pixel ({@code x}, {@code y}) belongs to; the pixel must be on the canvas. */
    public Shard shardAt(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IllegalArgumentException("(" + x + "," + y + ") is off the " + width + "x" + height + " canvas");
        }
        return shards.get(part(y, height, rows) * cols + part(x, width, cols));
    }

    /** Every shard, by id. */
    public List<Shard> shards() {
        return shards;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public String toString() {
        return cols + "x" + rows;
    }
}
