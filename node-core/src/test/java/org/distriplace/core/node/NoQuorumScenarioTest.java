package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * A node that can see it has no majority says so within one failure timeout, not at the request deadline; a write
 * already handed to a leader keeps waiting, because it may still commit. Virtual time, on the simulator.
 */
class NoQuorumScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");
    private static final long FAILURE_TIMEOUT_MS = 1_000;

    private final Simulation sim = new Simulation(3, new ScenarioOptions(3, EnumSet.noneOf(Faults.class), 0, 0,
        60_000, 0, 1_000, 1_000, 16, 0, false, ScenarioOptions.Churn.NONE, ScenarioOptions.Sharding.NONE),
        builder -> builder.heartbeatMs(250).suspectAfterMs(500).failureTimeoutMs(FAILURE_TIMEOUT_MS));
    private final SimulationSteps steps = new SimulationSteps(sim);

    private void clusterWithALoneSurvivor() {
        sim.startAll();
        steps.runUntil(() -> sim.role(3) == Role.LEADER && sim.engine(3).report().leaderActive(), 10_000);
        steps.await(sim.engine(1).place("alice", 1, 1, ORANGE));
        sim.crash(2);
        sim.crash(3);
    }

    @Test
    void theLoneSurvivorRefusesAtOnceOnceItKnowsItsPeersAreDead() {
        clusterWithALoneSurvivor();
        steps.runUntil(() -> sim.engine(1).report().peers().values().stream()
            .allMatch(peer -> peer.liveness() == Liveness.DEAD), 5_000);
        long placedAt = sim.now();
        PlaceException refused = steps.refusal(sim.engine(1).place("bob", 2, 2, ORANGE));
        assertEquals(PlaceError.NO_QUORUM, refused.code());
        assertTrue(refused.getMessage().contains("reaches 1 of the 3 members"), refused.getMessage());
        assertEquals(placedAt, sim.now(), "answered without waiting");
    }

    @Test
    void aWritePlacedWithNoLeaderWhileTheLastPeerDiesIsRefusedWithinOneFailureTimeout() {
        sim.startAll();
        steps.runUntil(() -> sim.role(3) == Role.LEADER && sim.engine(3).report().leaderActive(), 10_000);
        sim.crash(3);
        long secondCrash = sim.now() + 600;
        steps.runUntil(() -> sim.now() >= secondCrash, 1_000);
        sim.crash(2);
        steps.runUntil(() -> sim.engine(1).report().peers().get(3).liveness() == Liveness.DEAD, 5_000);
        assertEquals(Liveness.ALIVE, sim.engine(1).report().peers().get(2).liveness(), "node 2 not yet dead to 1");

        long placedAt = sim.now();
        PlaceException refused = steps.refusal(sim.engine(1).place("bob", 2, 2, ORANGE));
        assertEquals(PlaceError.NO_QUORUM, refused.code());
        assertTrue(refused.getMessage().contains("nothing was sent"), refused.getMessage());
        long waited = sim.now() - placedAt;
        assertTrue(waited <= FAILURE_TIMEOUT_MS, "answered after " + waited + " virtual ms");
    }

    @Test
    void aWriteAlreadyHandedToALeaderWaitsForItsDeadlineWithTheHonestMessage() {
        sim.startAll();
        steps.runUntil(() -> sim.role(3) == Role.LEADER && sim.engine(3).report().leaderActive(), 10_000);
        CompletableFuture<PlaceResult> handedOver = sim.engine(1).place("carol", 3, 3, ORANGE);
        // The PIXEL_UPDATE is on its way to node 3 when both peers go: its fate is unknown to node 1.
        sim.crash(2);
        sim.crash(3);
        long placedAt = sim.now();
        PlaceException refused = steps.refusal(handedOver);
        assertEquals(PlaceError.NO_QUORUM, refused.code());
        assertTrue(refused.getMessage().contains("may still appear"), refused.getMessage());
        assertTrue(sim.now() - placedAt >= 1_000 * 9, "held to its deadline, " + (sim.now() - placedAt) + " ms");
    }
}
