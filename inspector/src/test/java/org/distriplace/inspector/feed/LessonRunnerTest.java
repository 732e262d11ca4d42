package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every built-in lesson played to its end on the simulated demo, its moments reached rather than timed out. */
class LessonRunnerTest {

    static List<String> lessons() {
        return Lessons.BUILT_IN;
    }

    /** Plays a lesson, going on from each pause at once; returns how long each step took, in cluster ms. */
    private static List<Long> play(SimulatedCluster cluster, LessonRunner runner) {
        List<Long> took = new ArrayList<>();
        runner.start();
        long stepStart = cluster.now();
        int step = runner.step();
        for (int frame = 0; frame < 20_000 && !runner.finished(); frame++) {
            cluster.advance(50);
            runner.tick();
            if (runner.waiting()) {
                runner.next();
            }
            if (runner.step() != step || runner.finished()) {
                took.add(cluster.now() - stepStart);
                stepStart = cluster.now();
                step = runner.step();
            }
        }
        return took;
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyLessonRunsToItsEndWithEachMomentReachedOnThreeAndFiveNodes(String name) {
        for (int nodes : new int[] {3, 5}) {
            SimulatedCluster cluster = new SimulatedCluster(SimulatedCluster.Settings.demo(nodes, 21),
                new EventInbox(1_000_000));
            cluster.setSpeed(1);
            LessonRunner runner = new LessonRunner(cluster, Lessons.builtIn(name));
            List<Long> took = play(cluster, runner);
            String run = name + " on " + nodes + " nodes";
            assertTrue(runner.finished(), run + " finished");
            assertEquals(runner.lesson().steps().size(), took.size(), run + ": " + took);
            assertTrue(took.stream().allMatch(ms -> ms < LessonRunner.STEP_LIMIT_MS), run
                + ": every step reached its moment, none timed out: " + took);
            assertTrue(cluster.violation().isEmpty(), "no invariant broken: " + cluster.violation());
        }
    }

    @Test
    void theLeaderCrashLessonEndsWithADifferentLeaderHavingLedMeanwhile() {
        SimulatedCluster cluster = new SimulatedCluster(SimulatedCluster.Settings.demo(5, 4), new EventInbox(
            1_000_000));
        cluster.setSpeed(1);
        LessonRunner runner = new LessonRunner(cluster, Lessons.builtIn("leader-crash"));
        runner.start();
        Optional<Integer> first = Optional.empty();
        Optional<Integer> during = Optional.empty();
        for (int frame = 0; frame < 20_000 && !runner.finished(); frame++) {
            cluster.advance(50);
            runner.tick();
            if (runner.waiting()) {
                if (runner.step() == 1) {
                    first = cluster.leader();
                } else if (runner.step() == 6) {
                    during = cluster.leader();
                }
                runner.next();
            }
        }
        assertEquals(Optional.of(5), first);
        assertTrue(during.isPresent());
        assertNotEquals(first, during, "a new leader while n5 was down");
    }
}
