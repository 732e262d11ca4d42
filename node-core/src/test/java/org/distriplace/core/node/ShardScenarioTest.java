package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.model.Color;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Six nodes, the 12x12 canvas cut into 3x2 shards of three replicas each (ADR 0017), in the simulator. */
class ShardScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");

    private final Simulation sim = new Simulation(5, new ScenarioOptions(6, EnumSet.noneOf(Faults.class), 0, 0,
        60_000, 0, 1_000, 1_000, 12, 5_000, false, ScenarioOptions.Churn.NONE, new ScenarioOptions.Sharding(3, 2, 3)),
        builder -> builder.heartbeatMs(250).suspectAfterMs(500).failureTimeoutMs(1_000));
    private final SimulationSteps steps = new SimulationSteps(sim);

    private List<ShardReport> shards(int node) {
        return sim.engine(node).shards();
    }

    /** Every shard has a leader among its replicas, and every node knows it. */
    private boolean everyShardLed() {
        for (int node : sim.nodeIds()) {
            if (!sim.isUp(node)) {
                continue;
            }
            for (ShardReport shard : shards(node)) {
                if (shard.leader() == 0 || !shard.replicas().contains(shard.leader())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void eachShardHasThreeDistinctReplicasAndALeaderAndEveryNodeServesEveryPixel() {
        sim.startAll();
        steps.runUntil(this::everyShardLed, 20_000);
        List<ShardReport> seen = shards(1);
        assertEquals(6, seen.size());
        for (ShardReport shard : seen) {
            assertEquals(3, new HashSet<>(shard.replicas()).size(), "shard " + shard.id());
            assertEquals(4 * 6, shard.width() * shard.height());
        }
        long held = 0;
        for (int node : sim.nodeIds()) {
            assertEquals(seen.stream().map(ShardReport::replicas).toList(), shards(node).stream()
                .map(ShardReport::replicas).toList(), "every node computes the same map");
            long mine = shards(node).stream().filter(ShardReport::replica).count();
            assertEquals(mine, seen.stream().filter(shard -> shard.replicas().contains(node)).count());
            held += mine;
        }
        assertEquals(6 * 3, held, "each node says it holds exactly the shards the map gives it");
        // One placement in every shard, each through a node that is not among that shard's replicas where possible.
        List<CompletableFuture<PlaceResult>> placed = new ArrayList<>();
        for (ShardReport shard : seen) {
            int through = sim.nodeIds().stream().filter(id -> !shard.replicas().contains(id)).findFirst().orElse(1);
            placed.add(sim.engine(through).place("player" + shard.id(), shard.x(), shard.y(), ORANGE));
        }
        placed.forEach(steps::await);
        steps.runUntil(() -> sim.nodeIds().stream().allMatch(id -> sim.view(id).committedWrites() == 6), 5_000);
        for (int node : sim.nodeIds()) {
            for (ShardReport shard : seen) {
                assertEquals(ORANGE, sim.view(node).canvas().colorAt(shard.x(), shard.y()), "node " + node);
                assertEquals(1, shards(node).get(shard.id()).committedWrites());
            }
        }
        assertEquals(null, sim.violation());
    }

    @Test
    void onlyTheShardsThatLostTheirMajorityRefuseAndTheOthersPaintOn() {
        sim.startAll();
        steps.runUntil(this::everyShardLed, 20_000);
        List<ShardReport> map = shards(1);
        ShardReport victim = map.get(0);
        List<Integer> killed = victim.replicas().subList(0, 2);
        killed.forEach(sim::crash);
        int survivor = sim.nodeIds().stream().filter(id -> !killed.contains(id)).findFirst().orElseThrow();
        steps.runUntil(() -> killed.stream().allMatch(id -> sim.engine(survivor).report().peers().get(id)
            .liveness() == Liveness.DEAD), 5_000);
        Set<Integer> lostMajority = new HashSet<>();
        for (ShardReport shard : map) {
            if (shard.replicas().stream().filter(killed::contains).count() >= 2) {
                lostMajority.add(shard.id());
            }
        }
        assertTrue(lostMajority.contains(victim.id()));
        steps.runUntil(this::everyShardLedAmongTheLiving, 10_000);
        for (ShardReport shard : map) {
            // A player whose home shard (which spaces its placements) kept its majority.
            String player = playerAtHomeIn(map.stream().filter(home -> !lostMajority.contains(home.id()))
                .findFirst().orElseThrow().id(), "late" + shard.id());
            CompletableFuture<PlaceResult> placed = sim.engine(survivor).place(player, shard.x() + 1, shard.y() + 1,
                ORANGE);
            if (lostMajority.contains(shard.id())) {
                long at = sim.now();
                assertEquals(PlaceError.NO_QUORUM, steps.refusal(placed).code(), "shard " + shard.id());
                // At once here, or from the shard's surviving leader one hop away: not at the 10 s deadline.
                assertTrue(sim.now() - at < 500, "refused after " + (sim.now() - at) + " ms");
            } else {
                steps.await(placed);
            }
        }
        // A player whose home lost its majority cannot place anywhere: no shard can space its placements.
        ShardReport healthy = map.stream().filter(shard -> !lostMajority.contains(shard.id())).findFirst()
            .orElseThrow();
        PlaceException homeless = steps.refusal(sim.engine(survivor).place(playerAtHomeIn(victim.id(), "homeless"),
            healthy.x(), healthy.y(), ORANGE));
        assertEquals(PlaceError.NO_QUORUM, homeless.code());
        assertEquals(null, sim.violation());
    }

    /** A player name starting {@code prefix} whose home is shard {@code shard} of the six. */
    private static String playerAtHomeIn(int shard, String prefix) {
        for (int i = 0; ; i++) {
            if (CooldownGrants.homeShard(prefix + i, 6) == shard) {
                return prefix + i;
            }
        }
    }

    @Test
    void onePlayerPlacingInTwoShardsAtOnceCommitsOnceAndTheOtherWaitsItsCooldown() {
        sim.startAll();
        steps.runUntil(this::everyShardLed, 20_000);
        List<ShardReport> map = shards(1);
        String player = playerAtHomeIn(2, "ada");
        CompletableFuture<PlaceResult> first = sim.engine(1).place(player, map.get(0).x(), map.get(0).y(), ORANGE);
        CompletableFuture<PlaceResult> second = sim.engine(4).place(player, map.get(5).x(), map.get(5).y(), ORANGE);
        steps.runUntil(() -> first.isDone() && second.isDone(), 30_000);
        long committed = List.of(first, second).stream().filter(placed -> !placed.isCompletedExceptionally()).count();
        assertEquals(1, committed, "one commits; the other is refused");
        CompletableFuture<PlaceResult> refused = first.isCompletedExceptionally() ? first : second;
        assertEquals(PlaceError.COOLDOWN, steps.refusal(refused).code());
        assertTrue(steps.refusal(refused).remainingMs() > 0, "says how long to wait");
        assertEquals(null, sim.violation());
    }

    /** Every shard that keeps a majority has a live leader, as the first living node sees it. */
    private boolean everyShardLedAmongTheLiving() {
        int node = sim.nodeIds().stream().filter(sim::isUp).findFirst().orElseThrow();
        return shards(node).stream().filter(shard -> shard.replicas().stream().filter(sim::isUp).count() >= 2)
            .allMatch(shard -> shard.leader() != 0 && sim.isUp(shard.leader()));
    }
}
