package org.distriplace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    @Test
    void theLongestGapIsBetweenArrivalsWhateverTheirOrder() {
        assertEquals(60, LoadRun.longestGapNanos(0, 100, List.of(10L, 90L, 20L, 30L)));
    }

    @Test
    void gapsAtTheEdgesCount() {
        assertEquals(70, LoadRun.longestGapNanos(0, 100, List.of(70L, 80L)));
        assertEquals(80, LoadRun.longestGapNanos(0, 100, List.of(5L, 20L)));
    }

    @Test
    void withNoArrivalsTheWholeRunIsAGap() {
        assertEquals(100, LoadRun.longestGapNanos(0, 100, List.of()));
    }
}
