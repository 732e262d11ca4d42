package org.distriplace.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    private static List<String> failures(long first, int count, boolean writeBehind) {
        return failures(first, count, writeBehind, 0);
    }

    private static List<String> failures(long first, int count, boolean writeBehind, int joiners) {
        return LongStream.range(first, first + count).parallel()
            .mapToObj(seed -> {
                int nodes = (joiners > 0 ? 1 : 3) + (int) (seed % 3);
                Simulation simulation = new Simulation(seed, ScenarioOptions.defaults().withNodes(nodes)
                    .withWriteBehind(writeBehind).withJoiners(joiners));
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
        assertTrue(result.network().dropped() > 0, "faults dropped messages");
        assertTrue(result.convergedAtMs() > 0, "replicas converged");
    }
}
