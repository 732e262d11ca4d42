package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.MembershipChangeException.Code;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Members leave, are removed, and removed nodes come back: scripted on the simulator, one step at a time. */
class LeaveScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");
    private static final long TIMEOUT_MS = 10_000;

    private Simulation sim;
    private SimulationSteps steps;

    private void cluster(int nodes, UnaryOperator<NodeConfig.Builder> tuning) {
        sim = new Simulation(7, new ScenarioOptions(nodes, EnumSet.noneOf(Faults.class), 0, 0, 60_000, 0, 1_000,
            1_000, 16, 0, false, ScenarioOptions.Churn.NONE, ScenarioOptions.Sharding.NONE), tuning);
        steps = new SimulationSteps(sim);
        sim.startAll();
        steps.runUntil(() -> leads(nodes), 10_000);
    }

    private boolean leads(int id) {
        return sim.isUp(id) && sim.engine(id).role() == Role.LEADER && sim.engine(id).report().leaderActive();
    }

    private boolean liveAgreeOn(List<Integer> members) {
        return members.stream().filter(sim::isUp)
            .allMatch(id -> sim.engine(id).report().membership().members().equals(members));
    }

    private MembershipChangeException refusal(CompletableFuture<Membership> change) {
        steps.runUntil(change::isDone, TIMEOUT_MS + 1_000);
        return assertInstanceOf(MembershipChangeException.class, change.handle((ok, error) -> error).join());
    }

    private void paintsThrough(int id, int x) {
        steps.await(sim.engine(id).place("user" + id + "-" + x, x, x, ORANGE));
    }

    @Test
    void aFollowerLeavesAndTheRestPaintOnWithASmallerMajority() {
        cluster(3, UnaryOperator.identity());
        Membership without = steps.await(sim.engine(1).leave(TIMEOUT_MS));
        assertEquals(List.of(2, 3), without.members());
        assertEquals(1, without.version(), "one change");
        assertTrue(sim.engine(1).isRemoved(), "the leaver knows it is out");
        sim.crash(1);
        steps.runUntil(() -> liveAgreeOn(List.of(2, 3)), 5_000);

        paintsThrough(2, 1);
        // Two members: both are needed now, so losing one stops writes instead of splitting the canvas.
        sim.crash(2);
        assertEquals(PlaceError.NO_QUORUM, steps.refusal(sim.engine(3).place("carol", 2, 2, ORANGE)).code());
    }

    @Test
    void theLeaderLeavesAndHandsOverWithoutWaitingForAFailureTimeout() {
        cluster(3, UnaryOperator.identity());
        paintsThrough(1, 1);
        Membership without = steps.await(sim.engine(3).leave(TIMEOUT_MS));
        assertEquals(List.of(1, 2), without.members());
        long removedAt = sim.now();
        steps.runUntil(() -> leads(2), 5_000);
        long failureTimeout = sim.engine(2).report().timing().failureTimeoutMs();
        assertTrue(sim.now() - removedAt < failureTimeout, "node 2 took over " + (sim.now() - removedAt)
            + " ms after the removal; the failure timeout is " + failureTimeout + " ms");
        assertNotEquals(Role.LEADER, sim.engine(3).role());
        paintsThrough(1, 2);
    }

    @Test
    void twoOfFivePlayersQuitOneByOneAndThenTheThreeLeftSurviveACrash() {
        cluster(5, UnaryOperator.identity());
        steps.await(sim.engine(5).leave(TIMEOUT_MS));
        sim.crash(5);
        steps.await(sim.engine(2).leave(TIMEOUT_MS));
        sim.crash(2);
        steps.runUntil(() -> liveAgreeOn(List.of(1, 3, 4)), 10_000);
        sim.crash(1);
        paintsThrough(3, 3);
        paintsThrough(4, 4);
    }

    @Test
    void anOperatorRemovesTwoDeadMembersAndTheThreeLeftSurviveAnotherCrash() {
        cluster(5, UnaryOperator.identity());
        sim.crash(4);
        sim.crash(5);
        steps.runUntil(() -> leads(3), 15_000);
        assertEquals(List.of(1, 2, 3, 4), steps.await(sim.engine(1).removeMember(5, TIMEOUT_MS)).members());
        assertEquals(List.of(1, 2, 3), steps.await(sim.engine(2).removeMember(4, TIMEOUT_MS)).members());
        sim.crash(1);
        paintsThrough(2, 5);
    }

    @Test
    void refusalsChangeNothing() {
        cluster(3, UnaryOperator.identity());
        Membership before = sim.engine(1).report().membership();
        assertEquals(Code.UNKNOWN_MEMBER, refusal(sim.engine(1).removeMember(9, TIMEOUT_MS)).code());
        assertEquals(Code.SELF, refusal(sim.engine(2).removeMember(2, TIMEOUT_MS)).code());
        steps.await(sim.engine(1).leave(TIMEOUT_MS));
        steps.await(sim.engine(2).leave(TIMEOUT_MS));
        assertEquals(Code.LAST_MEMBER, refusal(sim.engine(3).leave(TIMEOUT_MS)).code());
        assertEquals(Code.NOT_READY, refusal(sim.engine(1).removeMember(3, TIMEOUT_MS)).code(),
            "a removed node speaks for no one");
        assertEquals(before.version() + 2, sim.engine(3).report().membership().version(), "only the two leaves");
        paintsThrough(3, 6);
    }

    @Test
    void withoutAMajorityTheRemovalFailsAtItsDeadlineAndChangesNothing() {
        cluster(3, UnaryOperator.identity());
        sim.crash(2);
        sim.crash(3);
        MembershipChangeException failed = refusal(sim.engine(1).removeMember(3, TIMEOUT_MS));
        assertEquals(Code.NO_QUORUM, failed.code());
        assertEquals(0, sim.engine(1).report().membership().version());
    }

    @Test
    void aRemovedNodeThatComesBackIsToldAndStaysOutUnlessItRejoins() {
        cluster(3, UnaryOperator.identity());
        sim.crash(1);
        steps.await(sim.engine(2).removeMember(1, TIMEOUT_MS));
        paintsThrough(2, 7);
        sim.restart(1);
        steps.runUntil(() -> sim.engine(1).isRemoved(), 10_000);
        assertFalse(sim.engine(1).report().member());
        assertEquals(PlaceError.NOT_READY, steps.refusal(sim.engine(1).place("alice", 8, 8, ORANGE)).code());
        assertTrue(liveAgreeOn(List.of(2, 3)), "the others are undisturbed");
    }

    @Test
    void aRemovedNodeStartedWithRejoinAsksInAgainAndIsAdmitted() {
        cluster(3, builder -> builder.rejoin(true));
        sim.crash(1);
        steps.await(sim.engine(3).removeMember(1, TIMEOUT_MS));
        sim.restart(1);
        steps.runUntil(() -> liveAgreeOn(List.of(1, 2, 3)), 20_000);
        assertEquals(2, sim.engine(1).report().membership().version(), "removed, then admitted again");
        steps.runUntil(() -> sim.engine(1).isReady(), 10_000);
        paintsThrough(1, 9);
    }

    @Test
    void theLeaderRemovesALongDeadMemberByItselfOneAtATimeAndOnlyWithAMajority() {
        cluster(5, builder -> builder.autoRemoveAfterMs(3_000));
        sim.crash(1);
        steps.runUntil(() -> liveAgreeOn(List.of(2, 3, 4, 5)), 20_000);
        sim.crash(2);
        sim.crash(3);
        // Two of four are alive: no majority, so nothing is removed however long they stay dead.
        long until = sim.now() + 20_000;
        steps.runUntil(() -> sim.now() >= until, 25_000);
        assertEquals(List.of(2, 3, 4, 5), sim.engine(5).report().membership().members());
    }

    @Test
    void aSurvivorForcedIntoANewClusterKeepsItsCanvasAndTheOthersRejoinIt() {
        cluster(5, UnaryOperator.identity());
        paintsThrough(1, 1);
        for (int id = 1; id <= 5; id++) {
            sim.crash(id);
        }
        // Three of five are gone for good; the operator restarts node 2 alone, on purpose.
        sim.restart(2, builder -> builder.forceNewCluster(true));
        steps.runUntil(() -> leads(2), 10_000);
        Membership alone = sim.engine(2).report().membership();
        assertEquals(List.of(2), alone.members());
        assertTrue(alone.version() > 1, "numbered above the old configurations: " + alone.version());
        assertEquals(ORANGE, sim.engine(2).replica().canvas().colorAt(1, 1), "the canvas is kept");
        paintsThrough(2, 2);

        // A player of the old cluster comes back (the desktop app rejoins): it is told, and admitted again.
        sim.restart(1, builder -> builder.rejoin(true));
        steps.runUntil(() -> liveAgreeOn(List.of(1, 2)), 20_000);
        steps.runUntil(() -> sim.engine(1).isReady(), 10_000);
        paintsThrough(1, 3);
        assertEquals(ORANGE, sim.engine(1).replica().canvas().colorAt(2, 2), "it caught up with the new cluster");
    }

    @Test
    void aLeaverStartedWithRejoinStaysOutUntilItIsStartedAgain() {
        cluster(3, builder -> builder.rejoin(true));
        steps.await(sim.engine(1).leave(TIMEOUT_MS));
        long until = sim.now() + 10_000;
        steps.runUntil(() -> sim.now() >= until, 11_000);
        assertTrue(sim.engine(1).isRemoved(), "it does not ask back in on its way out");
        assertEquals(List.of(2, 3), sim.engine(3).report().membership().members());

        sim.crash(1);
        sim.restart(1);
        steps.runUntil(() -> liveAgreeOn(List.of(1, 2, 3)), 20_000);
    }
}
