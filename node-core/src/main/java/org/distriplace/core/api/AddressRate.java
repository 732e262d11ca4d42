package org.distriplace.core.api;

import java.net.SocketAddress;
import java.util.function.LongSupplier;

/**
 * So many requests per address per period, across every session and connection of that address (seed 2's
 * "IP-based rate limits"): a token bucket per address, refilled at the rate and holding at most two periods'
 * worth. Placements use it per second (the cooldown stops one player; this stops one machine placing for many
 * made-up players faster than people do), logins per minute (so passwords cannot be guessed quickly). Every attempt
 * counts, refused or not. Addresses not seen for a while are forgotten ({@link AddressTable}), so no client grows
 * this without end. Thread-safe.
 */
final class AddressRate {

    static final long SECOND_NANOS = 1_000_000_000L;
    static final long MINUTE_NANOS = 60 * SECOND_NANOS;

    private final int perPeriod;
    private final long periodNanos;
    private final LongSupplier nanos;
    /**
     * Per address: the tokens left and when they were counted. A token is {@code periodNanos} units, so a refill of
     * (elapsed ns × rate) is exact.
     */
    private final AddressTable<long[]> buckets = new AddressTable<>();

    /** @param perPeriod requests an address may make each period, sustained; twice that in a burst */
    AddressRate(int perPeriod, long periodNanos, LongSupplier nanos) {
        if (perPeriod < 1) {
            throw new IllegalArgumentException("the rate per address must be at least 1, not " + perPeriod);
        }
        this.perPeriod = perPeriod;
        this.periodNanos = periodNanos;
        this.nanos = nanos;
    }

    /** Placements: {@code perSecond} a second per address. */
    static AddressRate perSecond(int perSecond, LongSupplier nanos) {
        return new AddressRate(perSecond, SECOND_NANOS, nanos);
    }

    int perPeriod() {
        return perPeriod;
    }

    /** Takes one request from {@code remote}'s budget; false (and nothing taken) when it has none left. */
    boolean tryTake(SocketAddress remote) {
        long now = nanos.getAsLong();
        long capacity = 2L * perPeriod * periodNanos;
        return buckets.apply(remote, () -> new long[] {capacity, now}, bucket -> {
            long elapsed = Math.max(0, now - bucket[1]);
            // Two periods fill any bucket, so a longer wait counts as two (no overflow).
            bucket[0] = Math.min(capacity, bucket[0] + Math.min(2 * periodNanos, elapsed) * perPeriod);
            bucket[1] = now;
            if (bucket[0] < periodNanos) {
                return false;
            }
            bucket[0] -= periodNanos;
            return true;
        });
    }
}
