package org.distriplace.core.protocol.shard;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.distriplace.core.model.Membership;

/**
 * How a shard's replicas follow the cluster's members (ADR 0017, stage 5). The cluster's configuration names the
 * replicas a shard should have, its <em>target</em>; the shard group's own committed configuration names those it
 * has. A shard moves one node at a time, by its own group's configuration batches: first it adds a target replica
 * that has caught up with the shard (one more replica than the target), then it drops one the target no longer names.
 * So a move never leaves the shard fewer replicas than the target, and every change is a majority of the old and the
 * new replica sets. Pure.
 */
public final class ShardMoves {

    private ShardMoves() {
    }

    /** The replicas {@code shard} should have over the cluster's {@code members}: {@code replicas} of them at most. */
    public static List<Integer> target(int shard, List<Integer> members, int replicas) {
        return Rendezvous.replicas(shard, members, replicas);
    }

    /** True while a shard holds more replicas than its target: it added one and has one to drop. */
    public static boolean midMove(Membership actual, List<Integer> target) {
        return actual.size() > target.size();
    }

    /**
     * The next change of a shard's configuration, if one is due: dropping a replica the target does not name while
     * the shard holds more than the target (those the cluster no longer counts first, then the lowest id); else
     * adding the first target replica, in the target's order, that {@code caughtUp} says holds the shard already,
     * unless {@code anotherMoving} (one shard moves at a time).
     *
     * @param actual        the shard's committed configuration
     * @param target        the replicas it should have ({@link #target})
     * @param members       the cluster's members
     * @param caughtUp      whether a node outside the shard told its leader it has caught up with it
     * @param anotherMoving whether another shard's move comes first (asked only when an addition is due)
     * @param addresses     a node's peer address
     */
    public static Optional<Membership> next(Membership actual, List<Integer> target, List<Integer> members,
                                            IntPredicate caughtUp, BooleanSupplier anotherMoving,
                                            IntFunction<String> addresses) {
        if (actual.size() > target.size()) {
            return actual.members().stream().filter(id -> !target.contains(id))
                .min((a, b) -> members.contains(a) == members.contains(b) ? Integer.compare(a, b)
                    : members.contains(a) ? 1 : -1)
                .map(actual::without);
        }
        Optional<Integer> joiner = target.stream().filter(id -> !actual.contains(id)).filter(caughtUp::test)
            .findFirst();
        if (joiner.isEmpty() || anotherMoving.getAsBoolean()) { // asked last: it walks every shard
            return Optional.empty();
        }
        return Optional.of(actual.with(joiner.get(), addresses.apply(joiner.get())));
    }
}
