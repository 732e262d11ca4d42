package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlacementRateTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final PlacementRate rate = new PlacementRate(5, nanos::get);
    private final InetSocketAddress alice = new InetSocketAddress("10.0.0.1", 50_000);
    private final InetSocketAddress aliceAgain = new InetSocketAddress("10.0.0.1", 50_001);
    private final InetSocketAddress bob = new InetSocketAddress("10.0.0.2", 50_000);

    private int placedAtOnce(InetSocketAddress address) {
        int placed = 0;
        while (rate.tryPlace(address)) {
            placed++;
        }
        return placed;
    }

    @Test
    void anAddressMayBurstTwiceItsRateThenWaits() {
        assertEquals(10, placedAtOnce(alice));
        assertFalse(rate.tryPlace(aliceAgain), "every connection of the address shares its budget");
        assertTrue(rate.tryPlace(bob), "another address has its own");
    }

    @Test
    void theBudgetRefillsAtTheRateAndNoFurtherThanTheBurst() {
        placedAtOnce(alice);
        nanos.addAndGet(200_000_000);
        assertEquals(1, placedAtOnce(alice), "a fifth of a second: one placement at five a second");
        nanos.addAndGet(3_600_000_000_000L);
        assertEquals(10, placedAtOnce(alice), "an hour away fills the bucket, and no more");
    }

    @Test
    void aLargeRateDoesNotOverflow() {
        PlacementRate generous = new PlacementRate(1_000_000, nanos::get);
        assertTrue(generous.tryPlace(alice));
        nanos.addAndGet(Long.MAX_VALUE / 4);
        assertTrue(generous.tryPlace(alice));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PlacementRate(0, nanos::get));
    }
}
