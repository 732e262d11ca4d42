package org.distriplace.core.canvas;

import java.util.Arrays;

/**
 * The full content of one square tile of a canvas, row-major within the tile: what full-state synchronisation
 * ships when a replica is too far behind for a delta. Unwritten pixels have timestamp 0 and node id 0.
 *
 * @param index      the tile's index, row-major over the canvas's tile grid
 * @param colors     palette indexes
 * @param timestamps last-write-wins hybrid logical clock times
 * @param nodeIds    last-write-wins tie-breaking node ids
 */
public record TileState(int index, byte[] colors, long[] timestamps, int[] nodeIds) {

    public TileState {
        if (colors.length != timestamps.length || colors.length != nodeIds.length) {
            throw new IllegalArgumentException("tile arrays differ in length");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileState other && index == other.index
            && Arrays.equals(colors, other.colors)
            && Arrays.equals(timestamps, other.timestamps)
            && Arrays.equals(nodeIds, other.nodeIds);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(index) + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        return "TileState[" + index + ", " + colors.length + " pixels]";
    }
}
