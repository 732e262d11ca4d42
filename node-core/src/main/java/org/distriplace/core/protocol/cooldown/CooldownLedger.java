package org.distriplace.core.protocol.cooldown;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.distriplace.core.clock.Hlc;

/**
 * One pixel per user per cooldown, cluster-wide. Every node records the stamp of each user's latest committed write,
 * so whichever node leads next can enforce the cooldown from committed state alone. The leader also charges a user
 * the moment it accepts a write, so two writes cannot slip into the same or consecutive batches; a charge is only
 * lifted when the write can no longer commit. Times are hybrid logical clock stamps, compared by their physical
 * milliseconds. Pure.
 */
public final class CooldownLedger {

    private final long cooldownMs;
    private final Map<String, Long> committed = new HashMap<>();
    private final Map<String, Long> charged = new HashMap<>();

    public CooldownLedger(long cooldownMs) {
        if (cooldownMs < 0) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        this.cooldownMs = cooldownMs;
    }

    public long cooldownMs() {
        return cooldownMs;
    }

    /** Milliseconds until {@code user} may place again, measured at {@code nowHlc}; 0 when they may now. */
    public long remainingMs(String user, long nowHlc) {
        long last = Math.max(committed.getOrDefault(user, 0L), charged.getOrDefault(user, 0L));
        if (last == 0) {
            return 0;
        }
        return Math.max(0, Hlc.physical(last) + cooldownMs - Hlc.physical(nowHlc));
    }

    /** The leader accepted a write by {@code user} stamped {@code hlc}. */
    public void charge(String user, long hlc) {
        charged.merge(user, hlc, Math::max);
    }

    /** Lifts a charge that never reached a proposal (the write cannot commit). */
    public void release(String user, long hlc) {
        charged.remove(user, hlc);
    }

    /** Leadership ended: the next leader rebuilds its view from committed writes. */
    public void releaseAllCharges() {
        charged.clear();
    }

    /** A write by {@code user} stamped {@code hlc} committed on this replica. */
    public void recordCommitted(String user, long hlc) {
        committed.merge(user, hlc, Math::max);
    }

    /** Entries still inside the cooldown window at {@code nowHlc}: what full-state sync must carry. */
    public Map<String, Long> recent(long nowHlc) {
        Map<String, Long> recent = new HashMap<>();
        committed.forEach((user, hlc) -> {
            if (Hlc.physical(hlc) + cooldownMs > Hlc.physical(nowHlc)) {
                recent.put(user, hlc);
            }
        });
        return recent;
    }

    /** Every user's latest committed write as recorded (entries past the window go at the next prune). */
    public Map<String, Long> committed() {
        return Collections.unmodifiableMap(committed);
    }

    /** Merges entries received with full state. */
    public void mergeCommitted(Map<String, Long> entries) {
        entries.forEach(this::recordCommitted);
    }

    /** Forgets entries that can no longer restrict anyone, keeping memory bounded by recent activity. */
    public void prune(long nowHlc) {
        prune(committed, nowHlc);
        prune(charged, nowHlc);
    }

    private void prune(Map<String, Long> entries, long nowHlc) {
        for (Iterator<Long> it = entries.values().iterator(); it.hasNext(); ) {
            if (Hlc.physical(it.next()) + cooldownMs <= Hlc.physical(nowHlc)) {
                it.remove();
            }
        }
    }

    public int size() {
        return committed.size();
    }
}
