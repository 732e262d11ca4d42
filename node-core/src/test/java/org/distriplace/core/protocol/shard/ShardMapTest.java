package org.distriplace.core.protocol.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    private static final ShardGrid GRID = ShardGrid.of(1000, 1000, 10, 10);

    private static List<Integer> members(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    @Test
    void eachShardHasItsNumberOfDistinctReplicasOrEveryMemberWhenFewer() {
        ShardMap map = new ShardMap(1, GRID, 3, members(9));
        for (Shard shard : GRID.shards()) {
            List<Integer> replicas = map.replicas(shard.id());
            assertEquals(3, new HashSet<>(replicas).size(), "shard " + shard.id() + ": " + replicas);
            assertTrue(map.members().containsAll(replicas));
        }
        ShardMap small = new ShardMap(1, GRID, 3, members(2));
        GRID.shards().forEach(shard -> assertEquals(Set.of(1, 2), Set.copyOf(small.replicas(shard.id()))));
        ShardMap whole = new ShardMap(1, ShardGrid.of(10, 10, 1, 1), 3, members(5));
        assertEquals(Set.copyOf(members(5)), Set.copyOf(whole.replicas(0)), "1x1: today's cluster, all replicas");
    }

    @Test
    void everyMemberComputesTheSameMapWhateverOrderItKnowsTheMembersIn() {
        List<Integer> shuffled = new ArrayList<>(members(27));
        Collections.shuffle(shuffled, new Random(7));
        ShardMap a = new ShardMap(4, GRID, 3, members(27));
        ShardMap b = new ShardMap(4, GRID, 3, shuffled);
        for (Shard shard : GRID.shards()) {
            assertEquals(a.replicas(shard.id()), b.replicas(shard.id()));
        }
        assertEquals(0, b.movedFrom(a));
    }

    @Test
    void aMemberJoiningTakesOnlyReplicasItOutscoresAndLeavesTheRestWhereTheyWere() {
        ShardMap before = new ShardMap(1, GRID, 3, members(9));
        ShardMap after = before.withMembers(2, members(10));
        int moved = 0;
        for (Shard shard : GRID.shards()) {
            Set<Integer> gained = new HashSet<>(after.replicas(shard.id()));
            gained.removeAll(before.replicas(shard.id()));
            assertTrue(gained.isEmpty() || gained.equals(Set.of(10)), "shard " + shard.id() + " gained " + gained);
            moved += gained.size();
        }
        assertEquals(after.shardsOf(10).size(), moved);
        assertEquals(moved, after.movedFrom(before));
        assertTrue(moved > 0, "a tenth member holds something");
    }

    @Test
    void aMemberLeavingIsReplacedOnlyInItsOwnShardsByOneMemberEach() {
        ShardMap before = new ShardMap(1, GRID, 3, members(9));
        List<Integer> remaining = new ArrayList<>(members(9));
        remaining.remove(Integer.valueOf(4));
        ShardMap after = before.withMembers(2, remaining);
        for (Shard shard : GRID.shards()) {
            List<Integer> was = before.replicas(shard.id());
            Set<Integer> now = Set.copyOf(after.replicas(shard.id()));
            if (was.contains(4)) {
                Set<Integer> kept = new HashSet<>(was);
                kept.remove(4);
                assertTrue(now.containsAll(kept), "shard " + shard.id() + " kept its other replicas");
            } else {
                assertEquals(Set.copyOf(was), now, "shard " + shard.id() + " did not hold the leaver");
            }
        }
        assertEquals(before.shardsOf(4).size(), after.movedFrom(before));
    }

    @Test
    void theLoadIsSpreadOverTheMembers() {
        ShardMap map = new ShardMap(1, GRID, 3, members(9));
        int total = map.load().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(300, total);
        // 33.3 each on average; rendezvous hashing spreads 300 replicas over 9 members within a few of that.
        assertTrue(map.load().values().stream().allMatch(held -> held >= 20 && held <= 47), map.load().toString());
    }
}
