package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Whole nodes on the simulated network, driven step by step in virtual time. */
class NodeScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");
    private final Simulation sim = new Simulation(7, new ScenarioOptions(5, EnumSet.noneOf(Faults.class), 0, 0,
        60_000, 0, 1_000, 1_000, 16, 2_000, false, ScenarioOptions.Churn.NONE,
        ScenarioOptions.Sharding.NONE));
    private final SimulationSteps steps = new SimulationSteps(sim);

    private int leader() {
        return sim.nodeIds().stream().filter(sim::isUp)
            .filter(id -> sim.engine(id).role() == Role.LEADER && sim.engine(id).report().leaderActive())
            .findFirst().orElse(0);
    }

    @Test
    void theHighestIdLeadsAndAWriteThroughAnyNodeReachesEveryReplica() {
        sim.startAll();
        steps.runUntil(() -> leader() != 0, 10_000);
        assertEquals(5, leader());
        PlaceResult result = steps.await(sim.engine(2).place("alice", 3, 4, ORANGE));
        assertEquals(5, result.write().nodeId(), "ordered by the leader");
        assertEquals(2, result.write().origin());
        assertEquals(sim.engine(5).epoch(), result.write().epoch(), "provenance: the epoch it was proposed in");
        assertTrue(result.write().batch() >= 1, "and its batch: " + result.write().batch());
        steps.runUntil(sim::converged, 10_000);
        for (int id : sim.nodeIds()) {
            assertEquals(ORANGE, sim.engine(id).replica().canvas().colorAt(3, 4), "node " + id);
        }
    }

    @Test
    void killingTheLeaderElectsTheNextHighestAndWritesGoOn() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        steps.await(sim.engine(1).place("alice", 1, 1, ORANGE));
        long crashedAt = sim.now();
        sim.crash(5);
        steps.runUntil(() -> leader() == 4, 15_000);
        long failover = sim.now() - crashedAt;
        assertTrue(failover >= 6_000, "not before the failure timeout: " + failover);
        assertTrue(failover < 6_000 + 2_500, "failure timeout plus one election: " + failover);
        PlaceResult after = steps.await(sim.engine(1).place("bob", 2, 2, ORANGE));
        assertEquals(4, after.write().nodeId());
        assertTrue(sim.engine(1).epoch() > 1);
    }

    @Test
    void aMinoritySideCannotCommitButTheMajoritySideCan() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        sim.partition(Map.of(4, 1, 5, 1));
        CompletableFuture<PlaceResult> minority = sim.engine(4).place("alice", 1, 1, ORANGE);
        PlaceException refused = steps.refusal(minority);
        assertEquals(PlaceError.NO_QUORUM, refused.code());
        steps.runUntil(() -> sim.engine(1).report().leaderId() == 3 && sim.engine(3).report().leaderActive(), 15_000);
        PlaceResult majority = steps.await(sim.engine(1).place("bob", 2, 2, ORANGE));
        assertEquals(3, majority.write().nodeId());
        assertEquals(Color.of("#FFFFFF"), sim.engine(5).replica().canvas().colorAt(1, 1), "nothing committed there");
        sim.network().heal();
        steps.runUntil(() -> leader() == 5 && sim.converged(), 30_000);
        assertEquals(ORANGE, sim.engine(5).replica().canvas().colorAt(2, 2), "the majority's write survived");
    }

    @Test
    void aRestartedFollowerKeepsWhatItHadAndCatchesUpOnWhatItMissed() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        steps.await(sim.engine(2).place("u1", 0, 0, ORANGE));
        steps.runUntil(() -> sim.engine(2).replica().committedWrites() == 1, 5_000);
        sim.crash(2);
        for (int i = 0; i < 80; i++) {
            steps.await(sim.engine(1).place("user-" + i, i % 16, i / 16, ORANGE));
        }
        sim.restart(2);
        assertEquals(1, sim.engine(2).replica().committedWrites(), "restored its own committed write");
        assertFalse(sim.engine(2).isReady());
        steps.runUntil(() -> sim.engine(2).isReady() && sim.converged(), 20_000);
        assertEquals(81, sim.engine(2).replica().committedWrites());
        // 80 missed writes are more than a delta carries: it took full state, then fetched the writes for its
        // history from its peers, in the background.
        steps.runUntil(() -> sim.history(2).equals(sim.history(1)), 20_000);
        assertEquals(81, sim.history(2).size());
    }

    /** Found on the real network: a leader still collecting promises dropped forwarded writes. */
    @Test
    void aWriteForwardedToALeaderStillRecoveringCommitsOnceItIsActive() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        sim.network().setLink(2, 4, LinkConditions.HEALTHY.withDelay(300, 300));
        sim.network().setLink(3, 4, LinkConditions.HEALTHY.withDelay(300, 300));
        sim.crash(5);
        steps.runUntil(() -> sim.engine(1).report().leaderId() == 4, 15_000);
        assertFalse(sim.engine(4).report().leaderActive(), "node 4 is still recovering");
        CompletableFuture<PlaceResult> placed = sim.engine(1).place("erin", 7, 7, ORANGE);
        steps.runUntil(placed::isDone, 5_000);
        assertEquals(4, placed.join().write().nodeId());
    }

    /** Found measuring failover on the real network: a request forwarded to a leader that died waited out its deadline. */
    @Test
    void aRequestForwardedToALeaderThatDiesIsSentToTheNextOneAndCommitsOnce() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        CompletableFuture<PlaceResult> placed = sim.engine(1).place("frank", 9, 9, ORANGE);
        sim.crash(5);
        steps.runUntil(placed::isDone, 9_000);
        PlaceResult result = placed.join();
        assertEquals(4, result.write().nodeId(), "ordered by the next leader");
        steps.runUntil(sim::convergedAmongLive, 10_000);
        assertEquals(1, sim.engine(4).replica().committedWrites(), "exactly once");
    }

    @Test
    void placementsAreValidatedAndTheCooldownIsEnforcedClusterWide() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        assertEquals(PlaceError.OUT_OF_BOUNDS, steps.refusal(sim.engine(1).place("a", 16, 0, ORANGE)).code());
        assertEquals(PlaceError.OUT_OF_BOUNDS, steps.refusal(sim.engine(1).place("a", -1, 0, ORANGE)).code());
        assertEquals(PlaceError.BAD_COLOR, steps.refusal(sim.engine(1).place("a", 0, 0, Color.of("#123456"))).code());
        steps.await(sim.engine(1).place("carol", 0, 0, ORANGE));
        PlaceException cooldown = steps.refusal(sim.engine(3).place("carol", 1, 0, ORANGE));
        assertEquals(PlaceError.COOLDOWN, cooldown.code(), "switching nodes does not dodge the cooldown");
        assertTrue(cooldown.remainingMs() > 0 && cooldown.remainingMs() <= 2_000, "remaining " + cooldown.remainingMs());
        assertEquals(2, cooldown.remainingSeconds());
    }

    @Test
    void aJoiningNodeIsNotReadyUntilItCaughtUp() {
        sim.startAll();
        assertEquals(PlaceError.NOT_READY, steps.refusal(sim.engine(1).place("a", 0, 0, ORANGE)).code());
    }

    @Test
    void subscribersSeeEveryCommittedPixelAndTheEventStreamShowsTheRound() {
        List<PixelWrite> seen = new ArrayList<>();
        List<NodeEvent> events = new ArrayList<>();
        sim.addEventListener(events::add);
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        sim.addPixelListener(3, (write, changed) -> seen.add(write));
        PlaceResult result = steps.await(sim.engine(1).place("dave", 5, 5, ORANGE));
        steps.runUntil(() -> !seen.isEmpty(), 5_000);
        assertEquals(List.of(result.write()), seen);
        List<NodeEvent.CommitPhase.Phase> leaderPhases = events.stream()
            .filter(e -> e instanceof NodeEvent.CommitPhase p && p.node() == 5
                && p.proposalId() == ((NodeEvent.CommitPhase) e).proposalId())
            .map(e -> ((NodeEvent.CommitPhase) e).phase()).distinct().toList();
        assertTrue(leaderPhases.containsAll(List.of(NodeEvent.CommitPhase.Phase.PREPARE_SENT,
            NodeEvent.CommitPhase.Phase.VOTE_RECEIVED, NodeEvent.CommitPhase.Phase.COMMIT)), leaderPhases.toString());
        NodeReport report = sim.engine(5).report();
        assertEquals(Role.LEADER, report.role());
        assertEquals(4, report.peers().size());
        assertEquals(sim.engine(3).report().stateHash(), report.stateHash());
    }
}
