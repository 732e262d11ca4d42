package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressRateTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AddressRate rate = AddressRate.perSecond(5, nanos::get);
    private final InetSocketAddress alice = new InetSocketAddress("10.0.0.1", 50_000);
    private final InetSocketAddress aliceAgain = new InetSocketAddress("10.0.0.1", 50_001);
    private final InetSocketAddress bob = new InetSocketAddress("10.0.0.2", 50_000);

    private int placedAtOnce(InetSocketAddress address) {
        int placed = 0;
        while (rate.tryTake(address)) {
            placed++;
        }
        return placed;
    }

    @Test
    void anAddressMayBurstTwiceItsRateThenWaits() {
        assertEquals(10, placedAtOnce(alice));
        assertFalse(rate.tryTake(aliceAgain), "every connection of the address shares its budget");
        assertTrue(rate.tryTake(bob), "another address has its own");
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
    void aRatePerMinuteRefillsOverTheMinute() {
        AddressRate logins = new AddressRate(10, AddressRate.MINUTE_NANOS, nanos::get);
        int atOnce = 0;
        while (logins.tryTake(alice)) {
            atOnce++;
        }
        assertEquals(20, atOnce, "a burst of two minutes' worth");
        nanos.addAndGet(5 * AddressRate.SECOND_NANOS);
        assertFalse(logins.tryTake(alice), "five seconds: not yet one of ten a minute");
        nanos.addAndGet(AddressRate.SECOND_NANOS);
        assertTrue(logins.tryTake(alice), "six seconds: one");
    }

    @Test
    void aLargeRateDoesNotOverflow() {
        AddressRate generous = AddressRate.perSecond(1_000_000, nanos::get);
        assertTrue(generous.tryTake(alice));
        nanos.addAndGet(Long.MAX_VALUE / 4);
        assertTrue(generous.tryTake(alice));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddressRate.perSecond(0, nanos::get));
    }
}
