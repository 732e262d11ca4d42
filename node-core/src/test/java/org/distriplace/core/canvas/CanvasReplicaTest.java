package org.distriplace.core.canvas;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class CanvasReplicaTest {

    private final Palette palette = Palette.rPlace2022();

    @Test
    void startsBackgroundAndLastWriteWins() {
        CanvasReplica canvas = new CanvasReplica(10, 10, 4, palette);
        assertEquals(palette.background(), canvas.colorAt(3, 4));
        assertEquals(0, canvas.stateHash());
        assertTrue(canvas.apply(write(1, 1, 3, 4, "#FF4500", "a", 100)));
        assertTrue(canvas.apply(write(2, 1, 3, 4, "#000000", "b", 200)));
        assertFalse(canvas.apply(write(1, 2, 3, 4, "#2450A4", "c", 150)), "older stamp loses");
        assertEquals(Color.of("#000000"), canvas.colorAt(3, 4));
    }

    @Test
    void equalTimesAreBrokenByNodeId() {
        CanvasReplica canvas = new CanvasReplica(4, 4, 4, palette);
        canvas.apply(write(2, 1, 0, 0, "#000000", "a", 100));
        canvas.apply(write(1, 1, 0, 0, "#FF4500", "b", 100));
        assertEquals(Color.of("#000000"), canvas.colorAt(0, 0), "node 2 beats node 1 at the same time");
    }

    @Test
    void refusesWritesOutsideTheCanvasOrPalette() {
        CanvasReplica canvas = new CanvasReplica(4, 4, 4, palette);
        assertFalse(canvas.apply(write(1, 1, 4, 0)));
        assertFalse(canvas.apply(write(1, 1, 0, 0, "#123456", "a", 5)));
        assertEquals(0, canvas.stateHash());
    }

    @Test
    void anyOrderAnyDuplicationGivesTheSameCanvasAndHash() {
        Random random = new Random(3);
        List<PixelWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            writes.add(write(1 + random.nextInt(3), i, random.nextInt(12), random.nextInt(9),
                palette.color(random.nextInt(32)).hex(), "u", 1_000 + random.nextInt(100)));
        }
        CanvasReplica reference = new CanvasReplica(12, 9, 4, palette);
        writes.forEach(reference::apply);
        for (int trial = 0; trial < 20; trial++) {
            List<PixelWrite> shuffled = new ArrayList<>(writes);
            shuffled.addAll(writes.subList(0, trial * 10));
            Collections.shuffle(shuffled, random);
            CanvasReplica other = new CanvasReplica(12, 9, 4, palette);
            shuffled.forEach(other::apply);
            assertArrayEquals(reference.copyColors(), other.copyColors());
            assertEquals(reference.stateHash(), other.stateHash());
            assertArrayEquals(reference.tileDigests(), other.tileDigests());
        }
    }

    @Test
    void differingTilesAreFoundAndMergingThemReconciles() {
        CanvasReplica ahead = new CanvasReplica(10, 10, 4, palette);
        CanvasReplica behind = new CanvasReplica(10, 10, 4, palette);
        PixelWrite shared = write(1, 1, 0, 0);
        ahead.apply(shared);
        behind.apply(shared);
        ahead.apply(write(1, 2, 9, 9));
        ahead.apply(write(1, 3, 5, 1));
        List<Integer> differing = ahead.tilesDifferingFrom(behind.tileDigests());
        assertEquals(List.of(1, 8), differing);
        assertNotEquals(ahead.stateHash(), behind.stateHash());
        differing.forEach(tile -> behind.merge(ahead.tile(tile)));
        assertEquals(ahead.stateHash(), behind.stateHash());
        assertArrayEquals(ahead.copyColors(), behind.copyColors());
        assertEquals(0, behind.merge(ahead.tile(8)), "merging again changes nothing");
    }

    /** A shard's replica: canvas coordinates in, its own rectangle kept, compared with its own kind. */
    @Test
    void aShardsReplicaTakesCanvasCoordinatesInsideItsRectangleOnly() {
        CanvasReplica shard = new CanvasReplica(10, 20, 8, 4, 4, palette);
        assertTrue(shard.contains(10, 20) && shard.contains(17, 23));
        assertFalse(shard.contains(9, 20) || shard.contains(18, 20) || shard.contains(10, 24) || shard.contains(0, 0));
        assertTrue(shard.apply(write(1, 1, 17, 23, "#FF4500", "a", 100)));
        assertFalse(shard.apply(write(1, 2, 3, 4, "#FF4500", "a", 100)), "outside the shard: not taken");
        assertEquals(Color.of("#FF4500"), shard.colorAt(17, 23));
        assertTrue(shard.isWritten(17, 23));
        assertFalse(shard.isWritten(10, 20));
        assertEquals(palette.indexOf(Color.of("#FF4500")), shard.copyRows(3, 1)[7], "rows are the shard's own");

        CanvasReplica whole = new CanvasReplica(8, 4, 4, palette);
        whole.apply(write(1, 1, 7, 3, "#FF4500", "a", 100));
        assertEquals(whole.stateHash(), shard.stateHash(), "hashes are of the rectangle's own pixels");
        assertArrayEquals(whole.tileDigests(), shard.tileDigests());

        CanvasReplica peer = new CanvasReplica(10, 20, 8, 4, 4, palette);
        for (int tile = 0; tile < shard.tileCount(); tile++) {
            peer.merge(shard.tile(tile));
        }
        assertEquals(shard.stateHash(), peer.stateHash());
        assertEquals(Color.of("#FF4500"), peer.colorAt(17, 23), "tiles travel between replicas of one shard");
    }
}
