package org.distriplace.core.runtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults injected on purpose into one real node's links, for demonstrations: messages to or from a peer can be
 * lost with a given probability or held back, and peers can be cut off entirely (this node's side of a partition).
 * The engine knows nothing of this: to it, the network simply misbehaves. Thread-safe.
 */
public final class LinkFaults {

    /** What {@link #outbound} and {@link #inbound} return for a message to lose. */
    public static final long DROP = -1;

    private record Fault(int dropPercent, long delayMs) {
    }

    private final Map<Integer, Fault> outbound = new ConcurrentHashMap<>();
    private final Map<Integer, Fault> inbound = new ConcurrentHashMap<>();
    private final Set<Integer> cutOff = ConcurrentHashMap.newKeySet();

    /** Messages to {@code peer}: lose {@code dropPercent} of them, delay the rest by {@code delayMs}. */
    public void setOutbound(int peer, int dropPercent, long delayMs) {
        set(outbound, peer, dropPercent, delayMs);
    }

    /** Messages from {@code peer}: lose {@code dropPercent} of them, delay the rest by {@code delayMs}. */
    public void setInbound(int peer, int dropPercent, long delayMs) {
        set(inbound, peer, dropPercent, delayMs);
    }

    private static void set(Map<Integer, Fault> links, int peer, int dropPercent, long delayMs) {
        if (dropPercent < 0 || dropPercent > 100 || delayMs < 0) {
            throw new IllegalArgumentException("drop is 0-100 %, delay at least 0 ms");
        }
        if (dropPercent == 0 && delayMs == 0) {
            links.remove(peer);
        } else {
            links.put(peer, new Fault(dropPercent, delayMs));
        }
    }

    /** Loses every message to and from exactly these peers (empty: none), as this node's side of a partition. */
    public void cutOff(Set<Integer> peers) {
        cutOff.retainAll(peers);
        cutOff.addAll(peers);
    }

    public Set<Integer> cutOff() {
        return Set.copyOf(cutOff);
    }

    /** Restores every link. */
    public void clear() {
        outbound.clear();
        inbound.clear();
        cutOff.clear();
    }

    /** For the next message to {@code peer}: {@link #DROP}, or how long to hold it back (0: send now). */
    public long outbound(int peer) {
        return decide(outbound, peer);
    }

    /** For the next message from {@code peer}: {@link #DROP}, or how long to hold it back (0: deliver now). */
    public long inbound(int peer) {
        return decide(inbound, peer);
    }

    private long decide(Map<Integer, Fault> links, int peer) {
        if (cutOff.contains(peer)) {
            return DROP;
        }
        Fault fault = links.get(peer);
        if (fault == null) {
            return 0;
        }
        if (fault.dropPercent() > 0 && ThreadLocalRandom.current().nextInt(100) < fault.dropPercent()) {
            return DROP;
        }
        return fault.delayMs();
    }
}
