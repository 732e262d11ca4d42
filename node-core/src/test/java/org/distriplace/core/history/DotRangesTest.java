package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
