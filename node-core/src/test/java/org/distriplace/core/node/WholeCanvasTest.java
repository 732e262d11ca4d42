package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.shard.Orderers;
import org.distriplace.core.protocol.shard.Shard;
import org.distriplace.core.protocol.shard.ShardGrid;
import org.junit.jupiter.api.Test;

/** Readers see the same canvas whether one replica holds it or its shards' replicas do between them. */
class WholeCanvasTest {

    private static final Palette PALETTE = Palette.rPlace2022();

    @Test
    void shardsPutTogetherReadAsTheWholeCanvasReplicaDoes() {
        ShardGrid grid = ShardGrid.of(11, 7, 3, 2);
        Replica whole = new Replica(11, 7, 4, PALETTE, 100);
        List<Replica> parts = new ArrayList<>();
        for (Shard shard : grid.shards()) {
            parts.add(new Replica(new CanvasReplica(shard.x(), shard.y(), shard.width(), shard.height(), 4, PALETTE),
                100));
        }
        WholeCanvas canvas = new WholeCanvas(11, parts);
        Random random = new Random(3);
        long[] counters = new long[grid.shards().size()];
        for (int i = 0; i < 200; i++) {
            int x = random.nextInt(11);
            int y = random.nextInt(7);
            int shard = grid.shardAt(x, y).id();
            int orderer = Orderers.of(shard + 1, 2);
            PixelWrite write = new PixelWrite(x, y, PALETTE.color(random.nextInt(PALETTE.size())), "u" + i, 2, i,
                1_000L + i, orderer, VectorClock.EMPTY.with(orderer, ++counters[shard]), 1, i);
            parts.get(shard).commit(write);
            whole.canvas().apply(write);
        }
        for (int first = 0; first < 7; first++) {
            for (int rows = 0; first + rows <= 7; rows++) {
                assertArrayEquals(whole.canvas().copyRows(first, rows), canvas.copyRows(first, rows),
                    "rows " + first + "+" + rows);
            }
        }
        assertEquals(whole.canvas().stampAt(10, 6), canvas.stampAt(10, 6));
        assertEquals(200, canvas.committedWrites());
        assertEquals(grid.shards().size(), canvas.version().size(), "one orderer a shard: versions never overlap");
        String before = canvas.stateHashHex();
        parts.get(0).commit(new PixelWrite(0, 0, Color.of("#000000"), "late", 2, 999, 9_000, Orderers.of(1, 2),
            VectorClock.EMPTY.with(Orderers.of(1, 2), counters[0] + 1), 1, 999));
        assertNotEquals(before, canvas.stateHashHex(), "a write in any shard changes the hash readers see");
    }

    @Test
    void oneReplicaIsTheWholeCanvasAsItWas() {
        Replica only = new Replica(6, 3, 4, PALETTE, 10);
        WholeCanvas canvas = new WholeCanvas(6, List.of(only));
        assertEquals(only.canvas().stateHashHex(), canvas.stateHashHex());
        assertArrayEquals(only.canvas().copyRows(0, 3), canvas.copyRows(0, 3));
        assertEquals(only.version(), canvas.version());
    }
}
