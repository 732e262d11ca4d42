package org.distriplace.core.clock;

/**
 * A node's hybrid logical clock. Time is passed in, so the clock is deterministic: {@link #now(long)} for a local
 * event or a send, {@link #observe(long, long)} when a remote timestamp arrives. Timestamps it returns strictly
 * increase, and a timestamp observed from a peer is always less than the next one returned, so a skewed wall
 * clock cannot order a causally later write before an earlier one.
 *
 * <p>Not thread-safe: owned by the node's thread.
 */
public final class HybridLogicalClock {

    private long last;

    public HybridLogicalClock() {
        this(0);
    }

    public HybridLogicalClock(long initial) {
        this.last = initial;
    }

    /** A fresh timestamp for a local event at wall time {@code wallMs}. */
    public long now(long wallMs) {
        long lastPhysical = Hlc.physical(last);
        if (wallMs > lastPhysical) {
            last = Hlc.pack(wallMs, 0);
        } else {
            last = advanceLogical(lastPhysical, Hlc.logical(last));
        }
        return last;
    }

    /** Merges a timestamp received from a peer (§3 of the HLC paper, receive event); returns the new reading. */
    public long observe(long remote, long wallMs) {
        long physical = Math.max(wallMs, Math.max(Hlc.physical(last), Hlc.physical(remote)));
        long logical;
        if (physical == Hlc.physical(last) && physical == Hlc.physical(remote)) {
            logical = Math.max(Hlc.logical(last), Hlc.logical(remote)) + 1;
        } else if (physical == Hlc.physical(last)) {
            logical = Hlc.logical(last) + 1;
        } else if (physical == Hlc.physical(remote)) {
            logical = Hlc.logical(remote) + 1;
        } else {
            logical = 0;
        }
        last = logical > Hlc.LOGICAL_MASK ? Hlc.pack(physical + 1, 0) : Hlc.pack(physical, logical);
        return last;
    }

    /** The last timestamp issued or observed, without advancing. */
    public long peek() {
        return last;
    }

    private static long advanceLogical(long physical, long logical) {
        // A full logical counter borrows from the next millisecond rather than wrapping.
        return logical >= Hlc.LOGICAL_MASK ? Hlc.pack(physical + 1, 0) : Hlc.pack(physical, logical + 1);
    }
}
