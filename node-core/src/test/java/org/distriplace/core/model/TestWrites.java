package org.distriplace.core.model;

import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;

/** Builds pixel writes for tests. */
public final class TestWrites {

    private TestWrites() {
    }

    /**
     * Write number {@code counter} ordered by {@code leader} at physical time {@code ms}, proposed in epoch 1, in a
     * batch of its own numbered like it.
     */
    public static PixelWrite write(int leader, long counter, int x, int y, String color, String user, long ms) {
        return new PixelWrite(x, y, Color.of(color), user, leader, counter, Hlc.pack(ms, 0), leader,
            VectorClock.EMPTY.with(leader, counter), 1, counter);
    }

    public static PixelWrite write(int leader, long counter, int x, int y) {
        return write(leader, counter, x, y, "#FF4500", "user-" + counter, 1_000 + counter);
    }
}
