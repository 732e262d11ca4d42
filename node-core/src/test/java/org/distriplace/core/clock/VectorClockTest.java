package org.distriplace.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VectorClockTest {

    @Test
    void entriesDefaultToZeroAndZeroEntriesVanish() {
        VectorClock clock = VectorClock.EMPTY.with(3, 5).with(1, 2);
        assertEquals(5, clock.get(3));
        assertEquals(0, clock.get(2));
        assertEquals(Map.of(1, 2L, 3, 5L), clock.asMap());
        assertEquals(VectorClock.EMPTY.with(1, 2), clock.with(3, 0));
        assertEquals("{1:2,3:5}", clock.toString());
        assertEquals(7, clock.total());
    }

    @Test
    void coverageAndConcurrency() {
        VectorClock a = VectorClock.of(Map.of(1, 2L, 2, 1L));
        VectorClock b = VectorClock.of(Map.of(1, 2L, 2, 3L));
        VectorClock c = VectorClock.of(Map.of(1, 3L));
        assertTrue(a.isCoveredBy(b));
        assertFalse(b.isCoveredBy(a));
        assertTrue(b.isConcurrentWith(c));
        assertEquals(VectorClock.of(Map.of(1, 3L, 2, 3L)), b.merge(c));
    }

    @Test
    void mergeIsCommutativeAssociativeIdempotentAndAnUpperBound() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            VectorClock a = random(random);
            VectorClock b = random(random);
            VectorClock c = random(random);
            assertEquals(a.merge(b), b.merge(a));
            assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
            assertEquals(a, a.merge(a));
            assertTrue(a.isCoveredBy(a.merge(b)) && b.isCoveredBy(a.merge(b)));
            Map<Integer, Long> max = new TreeMap<>(a.asMap());
            b.asMap().forEach((node, counter) -> max.merge(node, counter, Math::max));
            assertEquals(max, a.merge(b).asMap(), "the least upper bound, entry by entry");
        }
    }

    @Test
    void fromParallelArraysInAnyOrderARepeatedNodeKeepsItsLastCounterAsAMapWould() {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            int count = random.nextInt(7);
            int[] nodes = new int[count + 2];
            long[] counters = new long[count + 2];
            Map<Integer, Long> reference = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                nodes[i] = 1 + random.nextInt(4);
                counters[i] = random.nextInt(3);
                reference.put(nodes[i], counters[i]);
            }
            nodes[count] = 99;
            assertEquals(VectorClock.of(reference), VectorClock.of(nodes, counters, count), "only count entries");
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> VectorClock.of(new int[] {1}, new long[] {-1}, 1));
    }

    @Test
    void entriesCanBeWalkedInNodeOrderWithoutAMap() {
        VectorClock clock = VectorClock.EMPTY.with(9, 4).with(2, 7).with(5, 1);
        Map<Integer, Long> walked = new LinkedHashMap<>();
        for (int i = 0; i < clock.size(); i++) {
            walked.put(clock.nodeAt(i), clock.counterAt(i));
        }
        assertEquals(List.of(2, 5, 9), List.copyOf(walked.keySet()));
        assertEquals(clock.asMap(), walked);
    }

    private static VectorClock random(Random random) {
        VectorClock clock = VectorClock.EMPTY;
        for (int node = 1; node <= 4; node++) {
            clock = clock.with(node, random.nextInt(4));
        }
        return clock;
    }
}
