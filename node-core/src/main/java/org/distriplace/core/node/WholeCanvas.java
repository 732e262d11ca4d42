package org.distriplace.core.node;

import java.util.HexFormat;
import java.util.List;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Stamp;

/**
 * The whole canvas as a node holds it, for its readers: one replica, or one per shard (ADR 0017), each covering its
 * rectangle. Rows are put together from the shards they cross; the version is every shard's (their orderers
 * differ, so the versions never overlap), the state hash their XOR and the writes their sum. With one replica it is
 * that replica, byte for byte. Owned by the node's thread.
 */
final class WholeCanvas {

    private final int width;
    private final List<Replica> parts;

    /** @param parts the replicas that cover the {@code width}-wide canvas between them, without overlapping */
    WholeCanvas(int width, List<Replica> parts) {
        this.width = width;
        this.parts = List.copyOf(parts);
    }

    /** The stamp pixel {@code (x, y)} holds. */
    Stamp stampAt(int x, int y) {
        for (Replica part : parts) {
            if (part.canvas().contains(x, y)) {
                return part.canvas().stampAt(x, y);
            }
        }
        throw new IllegalArgumentException("(" + x + "," + y + ") is outside the canvas");
    }

    /** Palette indexes of {@code rows} whole canvas rows from {@code firstRow}, row-major. */
    byte[] copyRows(int firstRow, int rows) {
        if (parts.size() == 1) {
            return parts.get(0).canvas().copyRows(firstRow, rows);
        }
        byte[] out = new byte[rows * width];
        for (Replica part : parts) {
            CanvasReplica canvas = part.canvas();
            int from = Math.max(firstRow, canvas.originY());
            int to = Math.min(firstRow + rows, canvas.originY() + canvas.height());
            if (from >= to) {
                continue;
            }
            byte[] mine = canvas.copyRows(from - canvas.originY(), to - from);
            for (int row = 0; row < to - from; row++) {
                System.arraycopy(mine, row * canvas.width(), out, (from - firstRow + row) * width + canvas.originX(),
                    canvas.width());
            }
        }
        return out;
    }

    VectorClock version() {
        VectorClock version = parts.get(0).version();
        for (int i = 1; i < parts.size(); i++) {
            version = version.merge(parts.get(i).version());
        }
        return version;
    }

    String stateHashHex() {
        if (parts.size() == 1) {
            return parts.get(0).canvas().stateHashHex();
        }
        long hash = 0;
        for (Replica part : parts) {
            hash ^= part.canvas().stateHash();
        }
        return HexFormat.of().toHexDigits(hash);
    }

    long committedWrites() {
        long writes = 0;
        for (Replica part : parts) {
            writes += part.committedWrites();
        }
        return writes;
    }
}
