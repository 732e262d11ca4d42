package org.distriplace.core.canvas;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

/** A long log kept as sealed chunks serves the same writes, across chunk boundaries, as the writes appended. */
class WriteLogTest {

    @Test
    void aLongLogServesExactlyTheWritesItRetainsAcrossChunks() {
        WriteLog log = new WriteLog(5_000);
        List<PixelWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 12_345; i++) {
            PixelWrite write = write(2, i, i % 97, i % 89, i % 2 == 0 ? "#FF4500" : "#2450A4", "user-" + i % 37,
                1_000 + i);
            writes.add(write);
            log.append(write);
        }
        VectorClock have = VectorClock.EMPTY.with(2, 12_345);
        for (long from : new long[] {7_346, 8_000, 9_216, 10_239, 12_300, 12_345}) {
            List<PixelWrite> served = log.between(VectorClock.EMPTY.with(2, from - 1), have, 100_000)
                .orElseThrow(() -> new AssertionError("from " + from + " should still be retained"));
            assertEquals(writes.subList((int) from - 1, writes.size()), served, "from " + from);
        }
        assertTrue(log.between(VectorClock.EMPTY.with(2, 6_000), have, 100_000).isEmpty(),
            "more than retention plus a chunk behind: full state");
        assertEquals(List.of(writes.get(8_000)), log.between(VectorClock.EMPTY.with(2, 8_000),
            VectorClock.EMPTY.with(2, 8_001), 10).orElseThrow(), "a range inside one sealed chunk");
    }

    @Test
    void aWriteThatSkipsAheadRestartsItsNodesLog() {
        WriteLog log = new WriteLog(4_096);
        for (int i = 1; i <= 3_000; i++) {
            log.append(write(1, i, 1, 1));
        }
        log.append(write(1, 5_000, 2, 2));
        assertTrue(log.between(VectorClock.EMPTY.with(1, 2_000), VectorClock.EMPTY.with(1, 5_000), 100).isEmpty());
        assertEquals(List.of(write(1, 5_000, 2, 2)), log.between(VectorClock.EMPTY.with(1, 4_999),
            VectorClock.EMPTY.with(1, 5_000), 100).orElseThrow());
    }
}
