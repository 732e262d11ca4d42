package org.distriplace.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.distriplace.core.protocol.shard.Rendezvous;

/**
 * Consistent hashing on a ring, the alternative ADR 0016 weighs against rendezvous hashing: each member stands at
 * {@code virtualNodes} points of a 64-bit ring, and a shard's replicas are the first {@code n} distinct members met
 * walking clockwise from the shard's own point. Only the benchmark uses it, to measure the two side by side.
 */
final class HashRing {

    private final TreeMap<Long, Integer> ring = new TreeMap<>();
    private final int members;

    HashRing(Collection<Integer> members, int virtualNodes) {
        for (int member : members) {
            for (int v = 0; v < virtualNodes; v++) {
                ring.put(Rendezvous.mix(((long) member << 20) ^ v ^ 0x5bd1e995L << 40), member);
            }
        }
        this.members = (int) members.stream().distinct().count();
    }

    /** The first {@code n} distinct members clockwise from {@code shard}'s point. */
    List<Integer> replicas(int shard, int n) {
        List<Integer> found = new ArrayList<>(n);
        int wanted = Math.min(n, members);
        long start = Rendezvous.mix(shard * 0x9e3779b97f4a7c15L + 1);
        // Clockwise: from the shard's point to the ring's end, then round from its start.
        List<Collection<Integer>> arcs = List.of(ring.tailMap(start, true).values(),
            ring.headMap(start, false).values());
        for (Collection<Integer> arc : arcs) {
            for (int member : arc) {
                if (found.size() == wanted) {
                    return found;
                }
                if (!found.contains(member)) {
                    found.add(member);
                }
            }
        }
        return found;
    }
}
