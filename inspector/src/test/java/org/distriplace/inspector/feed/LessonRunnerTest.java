package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.WriteClocks;
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
        Lesson lesson = Lessons.builtIn(name);
        // A lesson on shards plays on the sharded class demos: 9 and 27 nodes in 3x3 shards.
        for (int nodes : lesson.needsShards() ? new int[] {9, 27} : new int[] {3, 5}) {
            DemoSettings settings = DemoSettings.demo(nodes, 21);
            SimulatedCluster cluster = new SimulatedCluster(lesson.needsShards() ? settings.withSharding(
                new ScenarioOptions.Sharding(3, 3, 3)) : settings, new EventInbox(1_000_000));
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

    /**
     * The vector-clock lesson, watched by an inspector: at the pause after the race, the two writes at the raced
     * pixel carry concurrent clocks, the leader ordered them, and every replica keeps the later stamp's colour.
     */
    @Test
    void theVectorClockLessonRacesTwoConcurrentWritesAndEveryReplicaKeepsTheSameWinner() {
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 21), inbox);
        cluster.setSpeed(1);
        InspectorModel model = new InspectorModel();
        LessonRunner runner = new LessonRunner(cluster, Lessons.builtIn("vector-clocks"));
        runner.start();
        int[] pixel = LessonActions.racePixel(0, cluster.canvasSize());
        Optional<WriteClocks.Stamped> raced = Optional.empty();
        for (int frame = 0; frame < 20_000 && !runner.finished(); frame++) {
            cluster.advance(50);
            runner.tick();
            inbox.drainTo(model, 1_000_000);
            if (runner.waiting()) {
                if (runner.step() == 3) {
                    raced = model.writeClocks().at(pixel[0], pixel[1]);
                    assertTrue(raced.isPresent(), "the race's writes committed by its moment");
                    PixelWrite winner = raced.get().write();
                    for (int node : cluster.nodes()) {
                        assertEquals(winner.color(), cluster.view(node).orElseThrow().canvas()
                            .colorAt(pixel[0], pixel[1]), "n" + node + " keeps the later stamp's colour");
                    }
                }
                runner.next();
            }
        }
        WriteClocks.Stamped later = raced.orElseThrow();
        PixelWrite earlier = later.earlier().orElseThrow();
        assertEquals(Set.of("lesson-race-red", "lesson-race-blue"), Set.of(later.write().user(), earlier.user()));
        assertEquals(WriteClocks.Relation.CONCURRENT, later.relation(), "neither node had seen the other's write");
        assertEquals(later.write().nodeId(), earlier.nodeId(), "one leader ordered both");
        assertTrue(later.write().dot().counter() > earlier.dot().counter(), "one after the other");
        assertTrue(later.write().stamp().isAfter(earlier.stamp()), "and the later one wins last-write-wins");
        assertTrue(runner.finished());
    }

    @Test
    void theLeaderCrashLessonEndsWithADifferentLeaderHavingLedMeanwhile() {
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 4), new EventInbox(
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
