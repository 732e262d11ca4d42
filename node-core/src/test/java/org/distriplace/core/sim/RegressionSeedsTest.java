package org.distriplace.core.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeds that once broke an invariant, kept as named scenarios. (Trajectories change when the code does, so these
 * add coverage rather than pin the exact interleaving; the bug's own scenario test pins that where it can.)
 */
class RegressionSeedsTest {

    @ParameterizedTest(name = "seed {0} on {1} nodes: {2}")
    @CsvSource(delimiter = '|', value = {
        "397 | 5 | a request re-sent after a leader change committed twice: full state did not carry recent requests",
        "520 | 5 | the same, through another interleaving",
        "1223 | 5 | an aborted empty install batch was never proposed again: the new leader never became active",
        "1010596 | 5 | a recovering leader ordered a request held past its deadline, after its first commit was forgotten",
    })
    void seedPasses(long seed, int nodes, String bug) {
        SimulationResult result = new Simulation(seed, ScenarioOptions.defaults().withNodes(nodes)).run();
        assertTrue(result.passed(), () -> bug + ": " + result.violation());
    }

    @ParameterizedTest(name = "seed {0} on {1} nodes, {2} joining{3}: {4}")
    @CsvSource(delimiter = '|', value = {
        "2612 | 5 | 2 | true | a new leader ignored a configuration its promisers held as committed and proposed "
            + "another under the same version",
        "2928 | 2 | 3 | false | the same, with three joiners",
        "2637 | 1 | 2 | false | a recovering leader dropped the promise of a node named only by a configuration in "
            + "doubt, and never finished recovery",
        "3000 | 5 | 2 | false | a joiner asked only its first contacts, not the leader elected after them",
    })
    void joiningSeedPasses(long seed, int nodes, int joiners, boolean writeBehind, String bug) {
        SimulationResult result = new Simulation(seed, ScenarioOptions.defaults().withNodes(nodes)
            .withJoiners(joiners).withWriteBehind(writeBehind)).run();
        assertTrue(result.passed(), () -> bug + ": " + result.violation());
    }
}
