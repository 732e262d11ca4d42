package org.distriplace.core.api;

import java.net.SocketAddress;
import java.util.function.LongSupplier;

/**
 * Placements per address per second, across every session and connection of that address (seed 2's "IP-based
 * rate limits"): a token bucket per address, refilled at the rate and holding at most a burst. The cooldown stops
 * one player; this stops one machine placing for many made-up players faster than people do. Every attempt counts,
 * refused or not. Addresses not seen for a while are forgotten ({@link AddressTable}), so no client grows this
 * without end. Thread-safe.
 */
final class PlacementRate {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanos;
    /** Per address: the tokens left (in billionths of a placement) and when they were counted. */
    private final AddressTable<long[]> buckets = new AddressTable<>();

    /** @param perSecond placements an address may make each second, sustained; twice that in a burst */
    PlacementRate(int perSecond, LongSupplier nanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("placements per address per second must be at least 1, not "
                + perSecond);
        }
        this.perSecond = perSecond;
        this.nanos = nanos;
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes one placement from {@code remote}'s budget; false (and nothing taken) when it has none left. */
    boolean tryPlace(SocketAddress remote) {
        long now = nanos.getAsLong();
        long capacity = 2L * perSecond * SECOND_NANOS;
        return buckets.apply(remote, () -> new long[] {capacity, now}, bucket -> {
            long elapsed = Math.max(0, now - bucket[1]);
            // Tokens are counted in billionths, so a refill of (elapsed ns × rate) is exact; two seconds fill any
            // bucket, so a longer wait counts as two (no overflow).
            bucket[0] = Math.min(capacity, bucket[0] + Math.min(2 * SECOND_NANOS, elapsed) * perSecond);
            bucket[1] = now;
            if (bucket[0] < SECOND_NANOS) {
                return false;
            }
            bucket[0] -= SECOND_NANOS;
            return true;
        });
    }
}
