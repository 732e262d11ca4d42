package org.distriplace.core.canvas;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class ReplicaTest {

    private Replica replica(int retention) {
        return new Replica(8, 8, 4, Palette.rPlace2022(), retention);
    }

    @Test
    void takesEachNodesWritesInCounterOrderOnly() {
        Replica replica = replica(100);
        assertEquals(Replica.Applied.APPLIED, replica.commit(write(1, 1, 0, 0)));
        assertEquals(Replica.Applied.GAP, replica.commit(write(1, 3, 0, 0)));
        assertEquals(Replica.Applied.APPLIED, replica.commit(write(1, 2, 0, 0)));
        assertEquals(Replica.Applied.DUPLICATE, replica.commit(write(1, 1, 0, 0)));
        assertEquals(Replica.Applied.APPLIED, replica.commit(write(2, 1, 1, 1)));
        assertEquals(VectorClock.of(Map.of(1, 2L, 2, 1L)), replica.version());
        assertEquals(3, replica.committedWrites());
    }

    @Test
    void checksWhetherABatchWouldLeaveAGap() {
        Replica replica = replica(100);
        replica.commit(write(1, 1, 0, 0));
        assertTrue(replica.canExtendWith(List.of(write(1, 1, 0, 0), write(1, 2, 0, 0), write(2, 1, 0, 0))));
        assertFalse(replica.canExtendWith(List.of(write(1, 3, 0, 0))));
        assertFalse(replica.canExtendWith(List.of(write(2, 2, 0, 0))));
    }

    @Test
    void servesExactlyTheMissingWritesWhileTheLogHoldsThem() {
        Replica replica = replica(4);
        List<PixelWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            writes.add(write(1, i, i % 8, 0));
            replica.commit(writes.get(i - 1));
        }
        assertEquals(writes.subList(5, 8), replica.writesBeyond(VectorClock.EMPTY.with(1, 5), 100).orElseThrow());
        assertEquals(List.of(), replica.writesBeyond(VectorClock.EMPTY.with(1, 8), 100).orElseThrow());
        assertTrue(replica.writesBeyond(VectorClock.EMPTY, 100).isEmpty(), "trimmed from the log: full state");
        assertTrue(replica.writesBeyond(VectorClock.EMPTY.with(1, 5), 2).isEmpty(), "more than the limit");
    }

    @Test
    void fullStateMakesAReplicaHoldEverythingThePeerHeld() {
        Replica ahead = replica(100);
        Replica behind = replica(100);
        for (int i = 1; i <= 5; i++) {
            ahead.commit(write(1, i, i, i));
        }
        behind.commit(write(2, 1, 7, 7));
        List<TileState> tiles = ahead.canvas().tilesDifferingFrom(behind.canvas().tileDigests()).stream()
            .map(ahead.canvas()::tile).toList();
        behind.mergeFullState(tiles, ahead.version());
        assertEquals(VectorClock.of(Map.of(1, 5L, 2, 1L)), behind.version());
        assertEquals(ahead.canvas().colorAt(3, 3), behind.canvas().colorAt(3, 3));
        assertEquals(Replica.Applied.APPLIED, behind.commit(write(1, 6, 0, 0)), "continues after the snapshot");
        assertTrue(behind.writesBeyond(VectorClock.EMPTY.with(2, 1), 100).isEmpty(),
            "writes that arrived as tiles cannot be served as a delta");
    }
}
