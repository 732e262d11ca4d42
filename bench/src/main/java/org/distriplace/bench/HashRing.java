package org.distriplace.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
                ring.put(mix(((long) member << 20) ^ v ^ 0x5bd1e995L << 40), member);
            }
        }
        this.members = (int) members.stream().distinct().count();
    }

    /** The first {@code n} distinct members clockwise from {@code shard}'s point. */
    List<Integer> replicas(int shard, int n) {
        List<Integer> found = new ArrayList<>(n);
        int wanted = Math.min(n, members);
        Long start = mix(shard * 0x9e3779b97f4a7c15L + 1);
        for (Map.Entry<Long, Integer> point : ring.tailMap(start, true).entrySet()) {
            if (found.size() == wanted) {
                return found;
            }
            if (!found.contains(point.getValue())) {
                found.add(point.getValue());
            }
        }
        for (Map.Entry<Long, Integer> point : ring.entrySet()) {
            if (found.size() == wanted) {
                break;
            }
            if (!found.contains(point.getValue())) {
                found.add(point.getValue());
            }
        }
        return found;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
