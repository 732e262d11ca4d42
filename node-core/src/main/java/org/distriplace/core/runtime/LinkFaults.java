package org.distriplace.core.runtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.distriplace.core.fault.LinkConditions;

/**
 * Faults injected on purpose into one real node's links, for demonstrations: messages to or from a peer are treated
 * as {@link LinkConditions} say (lost, held back, delivered twice), and peers can be cut off entirely (this node's
 * side of a partition). The engine knows nothing of this: to it, the network simply misbehaves. Thread-safe.
 */
public final class LinkFaults {

    /** A message lost. */
    public static final long[] DROPPED = {};
    /** A message on its way at once. */
    public static final long[] NOW = {0};

    private final Map<Integer, LinkConditions> outbound = new ConcurrentHashMap<>();
    private final Map<Integer, LinkConditions> inbound = new ConcurrentHashMap<>();
    private final Set<Integer> cutOff = ConcurrentHashMap.newKeySet();

    /** How messages to {@code peer} are treated ({@link LinkConditions#NONE} restores the link). */
    public void setOutbound(int peer, LinkConditions conditions) {
        set(outbound, peer, conditions);
    }

    /** How messages from {@code peer} are treated ({@link LinkConditions#NONE} restores the link). */
    public void setInbound(int peer, LinkConditions conditions) {
        set(inbound, peer, conditions);
    }

    private static void set(Map<Integer, LinkConditions> links, int peer, LinkConditions conditions) {
        if (conditions.equals(LinkConditions.NONE)) {
            links.remove(peer);
        } else {
            links.put(peer, conditions);
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

    /** The peers whose links in either direction are degraded (lossy or slow), not cut. */
    public Set<Integer> degraded() {
        Set<Integer> peers = new java.util.TreeSet<>(outbound.keySet());
        peers.addAll(inbound.keySet());
        return peers;
    }

    /** Restores every link. */
    public void clear() {
        outbound.clear();
        inbound.clear();
        cutOff.clear();
    }

    /** For the next message to {@code peer}: after how many ms each copy goes ({@link #DROPPED}: none). */
    public long[] outbound(int peer) {
        return decide(outbound, peer);
    }

    /** For the next message from {@code peer}: after how many ms each copy is delivered ({@link #DROPPED}: none). */
    public long[] inbound(int peer) {
        return decide(inbound, peer);
    }

    private long[] decide(Map<Integer, LinkConditions> links, int peer) {
        if (cutOff.contains(peer)) {
            return DROPPED;
        }
        LinkConditions link = links.get(peer);
        if (link == null) {
            return NOW;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < link.dropProbability()) {
            return DROPPED;
        }
        long delay = link.delay(random::nextDouble);
        return random.nextDouble() < link.duplicateProbability() ? new long[] {delay, link.delay(random::nextDouble)}
            : new long[] {delay};
    }
}
