package org.distriplace.core.protocol.shard;

/**
 * One rectangle of the canvas, held by its own group of replicas: pixels {@code x ≤ px < x + width}, {@code y ≤ py <
 * y + height}. Its id is its place in the grid, row by row.
 */
public record Shard(int id, int x, int y, int width, int height) {

    public Shard {
        if (id < 0 || x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("not a shard: " + id + " at " + x + "," + y + " size " + width + "x"
                + height);
        }
    }

    /** Whether pixel ({@code px}, {@code py}) is this shard's. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
}
