package org.distriplace.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {

    @Test
    void followsWallClockWhenItMovesForward() {
        HybridLogicalClock clock = new HybridLogicalClock();
        assertEquals(Hlc.pack(100, 0), clock.now(100));
        assertEquals(Hlc.pack(150, 0), clock.now(150));
    }

    @Test
    void countsLogicallyWhenWallClockStallsOrGoesBack() {
        HybridLogicalClock clock = new HybridLogicalClock();
        clock.now(100);
        assertEquals(Hlc.pack(100, 1), clock.now(100));
        assertEquals(Hlc.pack(100, 2), clock.now(90));
    }

    @Test
    void aTimestampFromAFastPeerOrdersLaterLocalEventsAfterIt() {
        HybridLogicalClock slow = new HybridLogicalClock();
        long remote = Hlc.pack(5_000, 3);
        long merged = slow.observe(remote, 1_000);
        assertEquals(Hlc.pack(5_000, 4), merged);
        assertTrue(slow.now(1_001) > remote, "a causally later write is stamped after the one it saw");
    }

    @Test
    void timestampsStrictlyIncreaseWhateverHappens() {
        Random random = new Random(7);
        HybridLogicalClock clock = new HybridLogicalClock();
        long last = 0;
        for (int i = 0; i < 100_000; i++) {
            long wall = 1_000 + random.nextInt(50);
            long next = random.nextBoolean() ? clock.now(wall) : clock.observe(Hlc.pack(wall + random.nextInt(20), random.nextInt(5)), wall);
            assertTrue(next > last, "step " + i);
            last = next;
        }
    }

    @Test
    void logicalOverflowBorrowsTheNextMillisecond() {
        HybridLogicalClock clock = new HybridLogicalClock(Hlc.pack(10, Hlc.LOGICAL_MASK));
        assertEquals(Hlc.pack(11, 0), clock.now(5));
    }
}
