package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Accounts and bans committed through the cluster's agreement, on the simulated network. */
class AccountScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");
    private final Simulation sim = new Simulation(11, new ScenarioOptions(5, EnumSet.noneOf(Faults.class), 0, 0,
        60_000, 0, 1_000, 1_000, 16, 2_000, false, ScenarioOptions.Churn.NONE,
        ScenarioOptions.Sharding.NONE));
    private final SimulationSteps steps = new SimulationSteps(sim);

    private int leader() {
        return sim.nodeIds().stream().filter(sim::isUp)
            .filter(id -> sim.engine(id).role() == Role.LEADER && sim.engine(id).report().leaderActive())
            .findFirst().orElse(0);
    }

    private CompletableFuture<AccountEntry> register(int node, String name) {
        return sim.engine(node).changeAccount(AccountChange.register(name, "hash-" + name + "-via-" + node));
    }

    private PlaceException refusal(CompletableFuture<?> future) {
        steps.runUntil(future::isDone, 30_000);
        return assertInstanceOf(PlaceException.class, future.handle((r, e) -> e).join());
    }

    @Test
    void aRegistrationThroughOneNodeIsKnownOnEveryReplicaAndToItsReaders() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        AccountEntry entry = steps.await(register(2, "alice"));
        assertEquals(5, entry.nodeId(), "ordered by the leader");
        assertEquals(2, entry.origin());
        steps.runUntil(sim::converged, 10_000);
        for (int id : sim.nodeIds()) {
            assertEquals("hash-alice-via-2", sim.engine(id).accounts().registration("alice").orElseThrow()
                .change().detail(), "node " + id);
            assertEquals("hash-alice-via-2", sim.view(id).accounts().account("alice").orElseThrow().passwordHash(),
                "node " + id + "'s readers");
        }
    }

    @Test
    void ofOneNameRegisteredThroughTwoNodesAtOnceExactlyOneWins() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        CompletableFuture<AccountEntry> first = register(1, "bob");
        CompletableFuture<AccountEntry> second = register(3, "bob");
        steps.runUntil(() -> first.isDone() && second.isDone(), 10_000);
        List<CompletableFuture<AccountEntry>> won = List.of(first, second).stream()
            .filter(f -> !f.isCompletedExceptionally()).toList();
        assertEquals(1, won.size(), "exactly one registration of bob succeeds");
        PlaceException lost = refusal(won.get(0) == first ? second : first);
        assertEquals(PlaceError.NAME_TAKEN, lost.code());
        String winner = won.get(0).join().change().detail();
        steps.runUntil(sim::converged, 10_000);
        for (int id : sim.nodeIds()) {
            assertEquals(winner, sim.engine(id).accounts().registration("bob").orElseThrow().change().detail());
        }
    }

    @Test
    void aNameTakenBeforeTheLeaderFailedIsStillTakenUnderTheNextLeader() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        steps.await(register(2, "dave"));
        sim.crash(5);
        steps.runUntil(() -> leader() == 4, 20_000);
        assertEquals(PlaceError.NAME_TAKEN, refusal(register(1, "dave")).code());
        steps.await(register(1, "erin"));
    }

    @Test
    void aNodeThatWasDownLearnsTheAccountsItMissedAndARestartKeepsThem() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        steps.await(register(3, "carol"));
        sim.crash(1);
        steps.await(register(2, "frank"));
        sim.restart(1);
        steps.runUntil(sim::converged, 20_000);
        assertTrue(sim.engine(1).accounts().registration("carol").isPresent(), "restored from its store");
        assertTrue(sim.engine(1).accounts().registration("frank").isPresent(), "learned from a peer");
        assertEquals(sim.engine(5).accounts().version(), sim.engine(1).accounts().version());
    }

    @Test
    void aBanStopsPlacementsThroughEveryNodeAndAnUnbanLiftsIt() {
        sim.startAll();
        steps.runUntil(() -> leader() == 5, 10_000);
        steps.await(register(2, "mallory"));
        steps.await(sim.engine(1).changeAccount(new AccountChange(AccountChange.Kind.BAN, "mallory", "spam", "mod")));
        for (int node : List.of(1, 3, 5)) {
            assertEquals(PlaceError.BANNED, refusal(sim.engine(node).place("mallory", node, 1, ORANGE)).code(),
                "through node " + node);
        }
        steps.runUntil(() -> sim.view(4).accounts().isBanned("mallory"), 5_000);
        steps.await(sim.engine(3).changeAccount(new AccountChange(AccountChange.Kind.UNBAN, "mallory", "", "mod")));
        steps.await(sim.engine(4).place("mallory", 2, 2, ORANGE));
    }
}
