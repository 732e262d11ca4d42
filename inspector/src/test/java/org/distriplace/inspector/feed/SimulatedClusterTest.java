package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.model.Color;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;

/** Demo mode's engine, driven as the inspector drives it: frames of real time, a pause, single steps. */
class SimulatedClusterTest {

    private final EventInbox inbox = new EventInbox(1_000_000);
    private final SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 42), inbox);
    private final InspectorModel model = new InspectorModel();

    private void frames(int count, long realMsEach) {
        for (int i = 0; i < count; i++) {
            cluster.advance(realMsEach);
            inbox.drainTo(model, Integer.MAX_VALUE);
            model.advanceTo(cluster.now());
        }
    }

    private Optional<ClusterState.NodeState> shownLeader() {
        return model.cluster().leaders().stream().findFirst();
    }

    /** What a presenter sees of the cluster now: its time, what runs next, and every replica. */
    static String fingerprint(SimulatedCluster cluster) {
        StringBuilder seen = new StringBuilder(cluster.now() + " next " + cluster.next());
        for (int id : cluster.nodes()) {
            seen.append(" | n").append(id).append(cluster.view(id).map(v -> " " + v.stateHash() + " " + v.version())
                .orElse(" down"));
        }
        return seen.toString();
    }

    /** Time travel: back one event lands on exactly the state before it, faults and paint included. */
    @Test
    void steppingBackLandsOnExactlyTheStateBeforeTheLastEvent() {
        cluster.setSpeed(1);
        frames(40, 50);
        cluster.kill(2);
        cluster.place(3, "teacher", 1, 1, Color.of("#FF4500"));
        frames(10, 50);
        cluster.partition(List.of(Set.of(1, 3), Set.of(4, 5)));
        frames(10, 50);
        cluster.setPaused(true);
        String before = fingerprint(cluster);
        assertTrue(cluster.step());
        String after = fingerprint(cluster);
        assertNotEquals(before, after, "a step moves the story on");
        assertTrue(cluster.stepBack());
        assertEquals(before, fingerprint(cluster), "back where it was");
        assertTrue(cluster.isPaused());
        assertTrue(cluster.step());
        assertEquals(after, fingerprint(cluster), "and forward again the same way");
        assertFalse(cluster.isRunning(2), "the crash was done again on the way");
    }

    /** A class sees the first election within 3 s of opening the demo, at its opening slow motion (×0.25). */
    @Test
    void theFirstElectionIsOverWithinThreeSecondsOfOpening() {
        SimulatedCluster fresh = new SimulatedCluster(DemoSettings.demo(5, 7), inbox);
        assertEquals(0.25, fresh.speed(), "the demo opens in slow motion");
        long realMs = 0;
        while (fresh.leader().isEmpty() && realMs < 10_000) {
            fresh.advance(50);
            realMs += 50;
        }
        assertEquals(Optional.of(5), fresh.leader());
        assertTrue(realMs <= 3_000, "first leader after " + realMs + " ms of real time");
    }

    @Test
    void steppingThroughALeaderCrashOneEventAtATimeShowsTheNewLeader() {
        cluster.setSpeed(1);
        frames(100, 50);
        ClusterState.NodeState first = shownLeader().orElseThrow();
        assertEquals(5, first.id(), "Bully: the highest id leads");

        cluster.setPaused(true);
        long pausedAt = cluster.now();
        frames(10, 50);
        assertEquals(pausedAt, cluster.now(), "paused: frames pass, virtual time does not");

        cluster.play(Scenario.LEADER_CRASH);
        inbox.drainTo(model, Integer.MAX_VALUE);
        assertFalse(model.cluster().node(5).running());
        assertEquals(Liveness.ALIVE, model.cluster().liveness(5), "nobody has noticed yet");

        int steps = 0;
        boolean suspected = false;
        while (shownLeader().isEmpty() || shownLeader().get().id() == 5) {
            String next = cluster.next();
            assertFalse(next.isEmpty(), "something is always queued");
            long before = cluster.now();
            assertTrue(cluster.step());
            inbox.drainTo(model, Integer.MAX_VALUE);
            assertTrue(cluster.now() >= before);
            suspected |= model.cluster().liveness(5) != Liveness.ALIVE;
            assertTrue(++steps < 20_000, "a new leader within 20 000 events");
        }
        ClusterState.NodeState second = shownLeader().orElseThrow();
        assertEquals(4, second.id(), "the highest live id wins");
        assertTrue(second.epoch() > first.epoch(), "in a newer epoch");
        assertTrue(suspected, "the crash was suspected before the election");
        assertTrue(cluster.now() - pausedAt >= 2_000, "not before the failure timeout: " + (cluster.now() - pausedAt));
        assertTrue(cluster.violation().isEmpty());
    }

    @Test
    void theSplitBrainMinorityCommitsNothingAndOneLeaderIsLeftAfterHealing() {
        cluster.setSpeed(1);
        frames(100, 50);
        ClusterState.NodeState oldLeader = shownLeader().orElseThrow();
        assertTrue(committedBy(oldLeader.id(), 0) > 0, "the leader committed before the partition");
        long cutAt = cluster.now();
        cluster.play(Scenario.SPLIT_BRAIN);
        frames(100, 100);
        assertEquals(0, committedBy(oldLeader.id(), cutAt), "the minority side commits nothing");
        assertTrue(model.rounds().newestFirst().stream().anyMatch(r -> r.leader() == oldLeader.id()
            && r.startedAt() >= cutAt), "though the old leader tried");
        ClusterState.NodeState majorityLeader = model.cluster().leaders().stream()
            .filter(l -> l.id() != oldLeader.id()).findFirst().orElseThrow();
        assertTrue(majorityLeader.epoch() > oldLeader.epoch(), "the majority elected a leader in a newer epoch");
        assertTrue(committedBy(majorityLeader.id(), cutAt) > 0, "and kept committing");

        frames(100, 100);
        List<ClusterState.NodeState> leaders = model.cluster().leaders();
        assertEquals(1, leaders.size(), "after healing one leader is left: " + leaders);
        assertTrue(leaders.get(0).epoch() > oldLeader.epoch());
        assertTrue(cluster.violation().isEmpty());
    }

    private long committedBy(int leader, long since) {
        return model.rounds().newestFirst().stream().filter(r -> r.leader() == leader && r.startedAt() >= since
            && r.outcome() == CommitRound.Outcome.COMMIT).count();
    }

    @Test
    void aTeacherRemovesAKilledMemberAndTheClusterShrinksByOne() throws Exception {
        cluster.setSpeed(1);
        frames(100, 50);
        cluster.kill(2);
        java.util.concurrent.CompletableFuture<String> said = cluster.remove(2);
        for (int i = 0; i < 400 && !said.isDone(); i++) {
            frames(1, 50);
        }
        assertEquals("n2 removed: configuration 1 is [1, 3, 4, 5]", said.get());
        frames(40, 50);
        assertTrue(cluster.remove(9).get().startsWith("n9 not removed: node 9 is not a member"), "an unknown id");
    }
}
