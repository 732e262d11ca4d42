package org.distriplace.core.protocol.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.model.Membership;
import org.junit.jupiter.api.Test;

class ShardMovesTest {

    private static final List<Integer> SIX = List.of(1, 2, 3, 4, 5, 6);
    private static final List<Integer> SEVEN = List.of(1, 2, 3, 4, 5, 6, 7);

    /** A shard of the six-node map that the seventh node's joining moves. */
    private static int movedShard() {
        for (int shard = 0; shard < 100; shard++) {
            if (ShardMoves.target(shard, SEVEN, 3).contains(7)) {
                return shard;
            }
        }
        throw new AssertionError("node 7 ranks among no shard's first three");
    }

    private static Optional<Membership> next(Membership actual, List<Integer> target, Set<Integer> caughtUp,
                                             boolean anotherMoving) {
        return ShardMoves.next(actual, target, SEVEN, caughtUp::contains, () -> anotherMoving, id -> "h:" + id);
    }

    @Test
    void aJoinerTakesOnlyTheShardsItOutranksAReplicaOfAndTheTargetNeverExceedsTheMembers() {
        for (int shard = 0; shard < 20; shard++) {
            List<Integer> before = ShardMoves.target(shard, SIX, 3);
            List<Integer> after = ShardMoves.target(shard, SEVEN, 3);
            assertEquals(3, Set.copyOf(after).size());
            assertEquals(after.contains(7) ? 2 : 3, after.stream().filter(before::contains).count(),
                "shard " + shard + ": " + before + " then " + after);
        }
        assertEquals(Set.of(1, 2), Set.copyOf(ShardMoves.target(4, List.of(1, 2), 3)));
    }

    @Test
    void aJoinerIsAddedOnceCaughtUpThenTheReplicaItReplacesIsDropped() {
        int shard = movedShard();
        Membership actual = Membership.initial(ShardMoves.target(shard, SIX, 3));
        List<Integer> target = ShardMoves.target(shard, SEVEN, 3);
        assertEquals(Optional.empty(), next(actual, target, Set.of(), false), "not caught up: nothing moves");

        Membership added = next(actual, target, Set.of(7), false).orElseThrow();
        assertEquals(actual.version() + 1, added.version());
        assertTrue(added.contains(7) && added.size() == 4, added.toString());
        assertEquals("h:7", added.peers().get(7));
        assertTrue(ShardMoves.midMove(added, target));

        Membership dropped = next(added, target, Set.of(7), true).orElseThrow(); // dropping is never held up
        assertEquals(Set.copyOf(target), Set.copyOf(dropped.members()));
        assertFalse(ShardMoves.midMove(dropped, target));
        assertEquals(Optional.empty(), next(dropped, target, Set.of(7), false), "settled");
    }

    @Test
    void anAdditionWaitsWhileAnotherShardMoves() {
        int shard = movedShard();
        Membership actual = Membership.initial(ShardMoves.target(shard, SIX, 3));
        assertEquals(Optional.empty(), next(actual, ShardMoves.target(shard, SEVEN, 3), Set.of(7), true));
    }

    @Test
    void aReplicaTheClusterNoLongerCountsGoesFirst() {
        Membership actual = Membership.initial(List.of(2, 5, 8, 9)); // 8 and 9 are off target; 9 is no member
        List<Integer> target = List.of(2, 5, 7);
        Membership next = ShardMoves.next(actual, target, List.of(2, 5, 7, 8), id -> false, () -> false,
            id -> "").orElseThrow();
        assertEquals(List.of(2, 5, 8), next.members());
    }
}
