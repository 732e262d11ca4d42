package org.distriplace.core.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.distriplace.core.net.ClusterSecret;

/**
 * The challenges handed to operators, each good for one answer within a short time. Bounded: past {@link #MAX}
 * outstanding, the oldest is forgotten, so no client can make the node hold more. Thread-safe.
 */
final class OperatorNonces {

    static final int MAX = 256;
    static final long TTL_MS = 60_000;

    private final LongSupplier clock;
    /** Nonce to the time it was issued, oldest first. */
    private final Map<String, Long> issued = new LinkedHashMap<>();

    OperatorNonces(LongSupplier clock) {
        this.clock = clock;
    }

    /** A fresh nonce to answer. */
    synchronized String issue() {
        expire();
        if (issued.size() >= MAX) {
            Iterator<String> oldest = issued.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String nonce = ClusterSecret.nonce();
        issued.put(nonce, clock.getAsLong());
        return nonce;
    }

    /** True, once, for a nonce issued here and not yet expired; it is used up either way. */
    synchronized boolean redeem(String nonce) {
        expire();
        return issued.remove(nonce) != null;
    }

    synchronized int outstanding() {
        return issued.size();
    }

    private void expire() {
        long now = clock.getAsLong();
        issued.values().removeIf(at -> now - at >= TTL_MS);
    }
}
