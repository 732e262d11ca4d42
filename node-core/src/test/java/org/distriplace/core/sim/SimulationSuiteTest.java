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
        List<String> failures = LongStream.range(BASE_SEED, BASE_SEED + SEEDS).parallel()
            .mapToObj(seed -> {
                int nodes = 3 + (int) (seed % 3);
                Simulation simulation = new Simulation(seed, ScenarioOptions.defaults().withNodes(nodes));
                SimulationResult result = simulation.run();
                return result.passed() ? null
                    : "seed " + seed + ": " + result.violation() + "\n    replay: " + simulation.replayCommand();
            })
            .filter(failure -> failure != null)
            .sorted()
            .collect(Collectors.toList());
        assertEquals(List.of(), failures, failures.size() + " of " + SEEDS + " seeds broke an invariant");
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
