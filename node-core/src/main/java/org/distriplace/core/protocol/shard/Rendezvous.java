package org.distriplace.core.protocol.shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: each member scores each shard by a hash of the pair, and a shard's
 * replicas are its {@code n} highest-scoring members. Every member computes the same answer from the same members,
 * in any order; a member that joins takes a shard's place only where it outscores one of its replicas, and one that
 * leaves is replaced by the next in line, so a change of one member moves about {@code n/members} of the replicas
 * and no others (ADR 0016 compares it with a hash ring).
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The {@code n} members (fewer if there are fewer) that hold {@code shard}, highest score first. */
    public static List<Integer> replicas(int shard, Collection<Integer> members, int n) {
        List<Integer> ranked = new ArrayList<>(members.stream().distinct().toList());
        ranked.sort(Comparator.comparingLong((Integer member) -> score(shard, member)).reversed()
            .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
    }

    /** The pair's weight: the pair mixed, the same on every JVM and every run. */
    public static long score(int shard, int member) {
        return mix(((long) shard << 32 | (member & 0xffffffffL)) + 0x9e3779b97f4a7c15L);
    }

    /**
     * SplitMix64's finaliser: every bit of {@code z} moves every bit of the result, and no two inputs share one (the
     * benchmark's hash ring mixes with it too, so the two schemes are weighed on the same hash).
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
