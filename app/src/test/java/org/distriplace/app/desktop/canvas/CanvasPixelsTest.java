package org.distriplace.app.desktop.canvas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class CanvasPixelsTest {

    private static final Palette PALETTE = Palette.rPlace2022();
    private static final Color RED = Color.of("#BE0039");
    private static final Color BLUE = Color.of("#2450A4");
    private final PixelFeed feed = new PixelFeed(10);
    private final CanvasPixels pixels = new CanvasPixels(10, 8, PALETTE);

    private void commit(int x, int y, Color color) {
        feed.committed(new PixelWrite(x, y, color, "u", 1, 1, 1, 1, VectorClock.EMPTY.with(1, 1)), true);
    }

    private boolean drain() {
        PixelFeed.Taken taken = feed.take();
        return pixels.apply(taken.entries(), taken.count());
    }

    private static int argb(Color color) {
        return 0xFF00_0000 | color.rgb();
    }

    private byte[] snapshotWith(int x, int y, Color color) {
        byte[] indices = new byte[80];
        Arrays.fill(indices, (byte) PALETTE.backgroundIndex());
        indices[y * 10 + x] = (byte) PALETTE.indexOf(color);
        return indices;
    }

    @Test
    void updatesWaitForTheFirstSnapshotSoItNeverOverwritesNewerPixels() {
        commit(2, 3, RED);
        drain();
        assertEquals(argb(PALETTE.background()), pixels.argbAt(2, 3), "nothing drawn before the snapshot");
        pixels.applySnapshot(snapshotWith(2, 3, BLUE));
        assertEquals(argb(RED), pixels.argbAt(2, 3), "the update that waited is newer than the snapshot");
        assertArrayEquals(new int[] {0, 0, 10, 8}, pixels.takeDirtyRegion());
    }

    @Test
    void theDirtyRegionIsTheUnionOfWhatChangedSinceTheLastFrame() {
        pixels.applySnapshot(snapshotWith(0, 0, BLUE));
        pixels.takeDirtyRegion();
        assertNull(pixels.takeDirtyRegion());
        commit(2, 3, RED);
        commit(7, 1, BLUE);
        assertFalse(drain());
        assertArrayEquals(new int[] {2, 1, 6, 3}, pixels.takeDirtyRegion());
        assertEquals(argb(BLUE), pixels.argbAt(7, 1));
    }

    @Test
    void aReloadWaitsForAFreshSnapshotThenReplaysWhatCameAfter() {
        pixels.applySnapshot(snapshotWith(0, 0, BLUE));
        feed.reloaded();
        commit(5, 5, RED);
        assertTrue(drain(), "asks for a fresh snapshot");
        assertTrue(pixels.awaitingSnapshot());
        assertEquals(argb(PALETTE.background()), pixels.argbAt(5, 5));
        pixels.applySnapshot(snapshotWith(1, 1, BLUE));
        assertFalse(pixels.awaitingSnapshot());
        assertEquals(argb(RED), pixels.argbAt(5, 5));
        assertEquals(argb(BLUE), pixels.argbAt(1, 1));
        assertEquals(argb(PALETTE.background()), pixels.argbAt(0, 0), "the old snapshot's pixel is gone");
    }

    @Test
    void writesThatChangedNothingAreNotQueued() {
        feed.committed(new PixelWrite(1, 1, RED, "u", 1, 1, 1, 1, VectorClock.EMPTY.with(1, 1)), false);
        assertEquals(0, feed.take().count());
    }
}
