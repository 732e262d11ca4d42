package org.distriplace.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static List<String> trace(long seed) {
        return trace(seed, false);
    }

    private static List<String> trace(long seed, boolean writeBehind) {
        List<String> lines = new ArrayList<>();
        Simulation simulation = new Simulation(seed, ScenarioOptions.defaults().withSafetyMs(10_000)
            .withWriteBehind(writeBehind));
        simulation.addTraceListener(lines::add);
        simulation.run();
        return lines;
    }

    @Test
    void aSeedReplaysExactly() {
        List<String> first = trace(99);
        assertTrue(first.size() > 1_000, "a real trace: " + first.size() + " lines");
        assertEquals(first, trace(99));
        assertNotEquals(first, trace(100));
    }

    @Test
    void aSeedReplaysExactlyWithASlowDiskToo() {
        List<String> first = trace(99, true);
        assertEquals(first, trace(99, true));
        assertNotEquals(trace(99, false), first, "the disk's delays change the run");
    }

    @Test
    void aFailingRunSaysHowToReplayIt() {
        Simulation simulation = new Simulation(123, ScenarioOptions.defaults().withNodes(3));
        assertEquals("./distri-place simulate --seed 123 --nodes 3 --faults all --duration 30 --trace",
            simulation.replayCommand());
        assertEquals("./distri-place simulate --seed 123 --nodes 3 --faults all --duration 30 --write-behind --trace",
            new Simulation(123, ScenarioOptions.defaults().withNodes(3).withWriteBehind(true)).replayCommand());
    }
}
