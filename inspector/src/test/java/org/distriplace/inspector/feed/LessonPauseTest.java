package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each lesson pauses at the moment its caption describes, checked against the events the class sees: a pause on
 * an event (a suspicion, an election call, an abort, a new leader) comes on the very event, not frames later; a
 * pause after some time comes at exactly that time. "When the leader crashes" is also checked for what each of its
 * captions says.
 */
class LessonPauseTest {

    static List<String> lessons() {
        return Lessons.BUILT_IN;
    }

    /**
     * One pause: the step's moment, when the step began and when the pause came (cluster time), what the class had
     * seen, and how much of it came before the step began.
     */
    private record Pause(String until, String caption, long began, long at, List<NodeEvent> seen, int before) {

        List<NodeEvent> sinceBegan() {
            return seen.subList(before, seen.size());
        }
    }

    /** Plays a lesson at real-time speed, 50 ms frames as the window's timer runs them; each pause as seen. */
    private static List<Pause> pauses(String name, int nodes, long seed) {
        EventInbox inbox = new EventInbox(1_000_000);
        Lesson lesson = Lessons.builtIn(name);
        DemoSettings settings = DemoSettings.demo(nodes, seed);
        SimulatedCluster cluster = new SimulatedCluster(lesson.needsShards()
            ? settings.withSharding(new ScenarioOptions.Sharding(3, 3, 3)) : settings, inbox);
        cluster.setSpeed(1);
        InspectorModel model = new InspectorModel();
        LessonRunner runner = new LessonRunner(cluster, lesson);
        List<Pause> pauses = new ArrayList<>();
        List<NodeEvent> seen = new ArrayList<>();
        runner.start();
        int before = 0;
        int step = runner.step();
        for (int frame = 0; frame < 40_000 && !runner.finished(); frame++) {
            cluster.advance(50);
            runner.tick();
            inbox.drainTo(model, Integer.MAX_VALUE);
            seen.clear();
            seen.addAll(model.log().events());
            if (runner.waiting()) {
                Lesson.Step shown = runner.lesson().steps().get(runner.step() - 1);
                pauses.add(new Pause(shown.until(), shown.caption(), runner.stepStartedAt(), cluster.now(),
                    List.copyOf(seen), before));
                runner.next();
            }
            if (runner.step() != step) {
                step = runner.step();
                before = seen.size();
            }
        }
        assertTrue(runner.finished(), name + " finished");
        return pauses;
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyPauseComesOnTheEventOrAtTheTimeItsStepNames(String name) {
        for (int nodes : Lessons.builtIn(name).needsShards() ? new int[] {9, 27} : new int[] {3, 5}) {
            for (Pause pause : pauses(name, nodes, 21)) {
                String where = name + " on " + nodes + " nodes, '" + pause.caption() + "'";
                double seconds = LessonMoment.seconds(pause.until());
                if (seconds >= 0) {
                    assertEquals(pause.began() + Math.round(seconds * 1000), pause.at(), where);
                    continue;
                }
                Predicate<NodeEvent> moment = switch (pause.until()) {
                    case "suspected" -> e -> e instanceof NodeEvent.SuspicionChanged s
                        && s.to() == Liveness.SUSPECTED;
                    case "dead" -> e -> e instanceof NodeEvent.SuspicionChanged s && s.to() == Liveness.DEAD;
                    case "election" -> e -> e instanceof NodeEvent.ElectionStep s
                        && s.step() == NodeEvent.ElectionStep.Step.STARTED;
                    case "abort" -> e -> e instanceof NodeEvent.CommitPhase c
                        && c.phase() == NodeEvent.CommitPhase.Phase.ABORT;
                    case "partitioned" -> e -> e instanceof NodeEvent.SuspicionChanged s && s.to() == Liveness.DEAD;
                    case "leader", "new leader" -> e -> e instanceof NodeEvent.RoleChanged r && r.role() == Role.LEADER
                        || e instanceof NodeEvent.Lifecycle l && l.stage() == NodeEvent.Lifecycle.Stage.LEADER_ACTIVE;
                    // A shard's leader wins in its group: the event comes wrapped in the group's number.
                    case "shards led", "new shard leaders" -> e -> e instanceof NodeEvent.InGroup g
                        && g.event() instanceof NodeEvent.RoleChanged r && r.role() == Role.LEADER;
                    case "shard without quorum" -> e -> false; // the step's own kill brings it, as it begins
                    default -> e -> e instanceof NodeEvent.Committed || e instanceof NodeEvent.SyncStep;
                };
                List<NodeEvent> since = pause.sinceBegan();
                if (!eventful(pause.until()) && since.stream().noneMatch(moment)) {
                    assertEquals(pause.began(), pause.at(), where + ": it held already as the step began");
                    continue;
                }
                assertTrue(since.stream().anyMatch(moment), where + ": its moment happened");
                assertTrue(lastStep(since).stream().anyMatch(moment), where + ": paused on the event that brought "
                    + "the moment, not later: the last events were " + lastStep(since));
                if (eventful(pause.until())) {
                    assertEquals(since.stream().filter(moment).findFirst().orElseThrow(),
                        lastStep(since).stream().filter(moment).findFirst().orElseThrow(),
                        where + ": paused on the first such event");
                }
            }
        }
    }

    /** Moments that are events (rather than states that may hold already as their step begins). */
    private static boolean eventful(String until) {
        return List.of("suspected", "dead", "election", "abort").contains(until);
    }

    /** The events the simulation's last step made: one node's, at one moment of its clock. */
    private static List<NodeEvent> lastStep(List<NodeEvent> events) {
        NodeEvent last = events.get(events.size() - 1);
        int from = events.size() - 1;
        while (from > 0 && events.get(from - 1).node() == last.node() && events.get(from - 1).at() == last.at()) {
            from--;
        }
        return events.subList(from, events.size());
    }

    @Test
    void whenTheLeaderCrashesEachPauseShowsWhatItsCaptionSays() {
        List<Pause> pauses = pauses("leader-crash", 5, 4);
        Pause crashed = find(pauses, "crashes now");
        Pause suspected = find(pauses, "suspects the leader");
        Pause election = find(pauses, "calls an election");
        Pause won = find(pauses, "won");
        int leader = 5;

        assertTrue(crashed.seen().stream().noneMatch(e -> e.at() > crashed.began() && about(e, leader)),
            "a crash is silence: nobody suspects the leader yet");
        assertTrue(lastStep(suspected.seen()).stream().anyMatch(e -> e instanceof NodeEvent.SuspicionChanged s
            && s.peer() == leader && s.to() == Liveness.SUSPECTED), "a node suspects the leader this very moment");
        assertFalse(suspected.seen().stream().anyMatch(e -> e instanceof NodeEvent.SuspicionChanged s
            && s.peer() == leader && s.to() == Liveness.DEAD), "suspected, not yet declared dead");
        assertTrue(lastStep(election.seen()).stream().anyMatch(e -> e instanceof NodeEvent.ElectionStep s
            && s.step() == NodeEvent.ElectionStep.Step.STARTED), "a node calls an election this very moment");
        assertFalse(election.seen().stream().anyMatch(e -> e instanceof NodeEvent.RoleChanged r
            && r.role() == Role.LEADER && r.node() != leader), "nobody leads yet as the election is called");
        assertTrue(lastStep(won.seen()).stream().allMatch(e -> e.node() == 4), "n4, the highest id alive, "
            + "starts leading this very moment: " + lastStep(won.seen()));
        assertTrue(won.seen().stream().anyMatch(e -> e instanceof NodeEvent.RoleChanged r && r.role() == Role.LEADER
            && r.node() == 4));
    }

    private static boolean about(NodeEvent event, int peer) {
        return event instanceof NodeEvent.SuspicionChanged s && s.peer() == peer && s.to() != Liveness.ALIVE;
    }

    private static Pause find(List<Pause> pauses, String words) {
        return pauses.stream().filter(p -> p.caption().contains(words)).findFirst()
            .orElseThrow(() -> new AssertionError("no pause says '" + words + "'"));
    }

}
