package org.distriplace.core.clock;

/**
 * Hybrid logical clock timestamps packed in a {@code long}: the upper 48 bits hold milliseconds of physical time,
 * the lower 16 bits a logical counter (Kulkarni et al., "Logical Physical Clocks", 2014). Packed values compare
 * in causal order with plain {@code <}.
 */
public final class Hlc {

    public static final int LOGICAL_BITS = 16;
    public static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

    private Hlc() {
    }

    public static long pack(long physicalMs, long logical) {
        if (physicalMs < 0 || physicalMs >= 1L << (63 - LOGICAL_BITS)) {
            throw new IllegalArgumentException("physical time out of range: " + physicalMs);
        }
        if (logical < 0 || logical > LOGICAL_MASK) {
            throw new IllegalArgumentException("logical counter out of range: " + logical);
        }
        return physicalMs << LOGICAL_BITS | logical;
    }

    public static long physical(long hlc) {
        return hlc >>> LOGICAL_BITS;
    }

    public static long logical(long hlc) {
        return hlc & LOGICAL_MASK;
    }

    public static String format(long hlc) {
        return physical(hlc) + "." + logical(hlc);
    }
}
