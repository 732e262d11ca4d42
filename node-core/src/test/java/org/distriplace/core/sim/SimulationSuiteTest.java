package org.distriplace.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation suite: many seeded scenarios of the real node code under faults, each checked
 * against every invariant. A failure names the seed and the command that replays it.
 */
class SimulationSuiteTest {

    private static final long BASE_SEED = Long.getLong("sim.baseSeed", 1_000);
    private static final int SEEDS = Integer.getInteger("sim.seeds", 500);

    @Test
    void everyInvariantHoldsAcrossSeededFaultScenarios() {
        List<String> failures = failures(BASE_SEED, SEEDS, false);
        assertEquals(List.of(), failures, failures.size() + " of " + SEEDS + " seeds broke an invariant");
    }

    /** The runtime's storage writes behind the node; a crash loses what was queued, so effects must wait. */
    @Test
    void everyInvariantHoldsWhenNodesWriteADiskBehindThem() {
        int seeds = Math.max(1, SEEDS / 2);
        List<String> failures = failures(BASE_SEED + 500_000, seeds, true);
        assertEquals(List.of(), failures, failures.size() + " of " + seeds + " write-behind seeds broke an invariant");
    }

    /** Nodes join the running cluster (one change at a time) while every fault strikes. */
    @Test
    void everyInvariantHoldsWhileNodesJoin() {
        int seeds = Math.max(1, SEEDS / 2);
        List<String> failures = failures(BASE_SEED + 900_000, seeds, false, 2);
        assertEquals(List.of(), failures, failures.size() + " of " + seeds + " joining seeds broke an invariant");
    }

    /**
     * Members leave, are removed by an operator (up, down or cut off) or, in every other seed, removed by the leader
     * once long dead, while nodes join and every fault strikes.
     */
    @Test
    void everyInvariantHoldsWhileMembersLeaveAndAreRemoved() {
        int seeds = Math.max(1, SEEDS / 2);
        List<String> failures = failures(BASE_SEED + 1_300_000, seeds, seed -> {
            int nodes = 3 + 2 * (int) (seed % 3);
            ScenarioOptions.Churn churn = seed % 2 == 0
                ? new ScenarioOptions.Churn(2, 1, (nodes - 3) / 2, 0)
                : new ScenarioOptions.Churn(2, 0, (nodes - 1) / 2, 3_000);
            return ScenarioOptions.defaults().withNodes(nodes).withWriteBehind(seed % 4 < 2).withChurn(churn);
        });
        assertEquals(List.of(), failures, failures.size() + " of " + seeds + " churn seeds broke an invariant");
    }

    /**
     * The canvas cut into shards (ADR 0017): three to nine nodes, two to nine shards of up to three replicas each,
     * every node a replica of some shards and a learner of the rest, under every fault; in two seeds of three, one
     * or two nodes join during the faults and shards move to them.
     */
    @Test
    void everyInvariantHoldsInAShardedCluster() {
        int seeds = Math.max(1, SEEDS / 4); // thousands more in the note's sweeps: simulate --shards

        int[][] cuts = {{2, 1}, {2, 2}, {3, 2}, {3, 3}};
        List<String> failures = failures(BASE_SEED + 1_700_000, seeds, seed -> {
            int[] cut = cuts[(int) (seed % cuts.length)];
            int nodes = 3 + (int) (seed % 7);
            return ScenarioOptions.defaults().withNodes(nodes).withWriteBehind(seed % 2 == 0)
                .withSharding(new ScenarioOptions.Sharding(cut[0], cut[1], Math.min(3, nodes)))
                .withJoiners((int) (seed % 3));
        });
        assertEquals(List.of(), failures, failures.size() + " of " + seeds + " sharded seeds broke an invariant");
    }

    private static List<String> failures(long first, int count, boolean writeBehind) {
        return failures(first, count, writeBehind, 0);
    }

    private static List<String> failures(long first, int count, boolean writeBehind, int joiners) {
        return failures(first, count, seed -> ScenarioOptions.defaults().withNodes((joiners > 0 ? 1 : 3)
            + (int) (seed % 3)).withWriteBehind(writeBehind).withJoiners(joiners));
    }

    private static List<String> failures(long first, int count, LongFunction<ScenarioOptions> scenario) {
        return LongStream.range(first, first + count).parallel()
            .mapToObj(seed -> {
                Simulation simulation = new Simulation(seed, scenario.apply(seed));
                SimulationResult result = simulation.run();
                return result.passed() ? null
                    : "seed " + seed + ": " + result.violation() + "\n    replay: " + simulation.replayCommand();
            })
            .filter(failure -> failure != null)
            .sorted()
            .collect(Collectors.toList());
    }

    @Test
    void scenariosDoRealWork() {
        SimulationResult result = new Simulation(42, ScenarioOptions.defaults()).run();
        assertTrue(result.passed(), () -> String.valueOf(result.violation()));
        assertTrue(result.acknowledged() > 50, "clients got commits: " + result.acknowledged());
        assertTrue(result.registrations() > 3, "players registered accounts: " + result.registrations());
        assertTrue(result.network().dropped() > 0, "faults dropped messages");
        assertTrue(result.convergedAtMs() > 0, "replicas converged");
    }
}
