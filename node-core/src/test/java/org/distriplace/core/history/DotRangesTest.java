package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.distriplace.core.model.Dot;
import org.junit.jupiter.api.Test;

class DotRangesTest {

    @Test
    void rangesMergeAsGapsFill() {
        DotRanges dots = new DotRanges();
        assertTrue(dots.add(new Dot(3, 1)));
        assertTrue(dots.add(new Dot(3, 3)));
        assertFalse(dots.add(new Dot(3, 1)), "held already");
        assertEquals(new TreeMap<>(Map.of(1L, 1L, 3L, 3L)), dots.of(3));
        assertTrue(dots.add(new Dot(3, 2)));
        assertEquals(new TreeMap<>(Map.of(1L, 3L)), dots.of(3));
        assertEquals(3, dots.size());
        assertEquals(new TreeMap<>(), dots.of(7));
    }

    @Test
    void agreesWithASetOverRandomDots() {
        Random random = new Random(4);
        DotRanges dots = new DotRanges();
        Set<Dot> oracle = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            Dot dot = new Dot(1 + random.nextInt(3), 1 + random.nextInt(2_000));
            assertEquals(oracle.add(dot), dots.add(dot), "adding " + dot);
            Dot probe = new Dot(1 + random.nextInt(3), 1 + random.nextInt(2_000));
            assertEquals(oracle.contains(probe), dots.contains(probe), "probing " + probe);
        }
        assertEquals(oracle.size(), dots.size());
    }

    @Test
    void theFirstMissingCountersAreFoundUpToAVersionAndABound() {
        DotRanges dots = new DotRanges();
        assertArrayEquals(new long[] {1, 5}, dots.firstMissing(2, 5, 100), "nothing held");
        for (long c : new long[] {1, 2, 3, 7, 8, 12}) {
            dots.add(new Dot(2, c));
        }
        assertArrayEquals(new long[] {4, 6}, dots.firstMissing(2, 20, 100));
        assertArrayEquals(new long[] {4, 5}, dots.firstMissing(2, 20, 2), "bounded");
        assertArrayEquals(new long[] {4, 5}, dots.firstMissing(2, 5, 100), "up to the version");
        assertNull(dots.firstMissing(2, 3, 100), "all held up to 3");
        DotRanges copy = dots.copy();
        copy.add(new Dot(2, 4));
        assertArrayEquals(new long[] {4, 6}, dots.firstMissing(2, 20, 100), "the copy is independent");
        assertArrayEquals(new long[] {5, 6}, copy.firstMissing(2, 20, 100));
    }
}
