package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.EnumSet;
import java.util.List;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.junit.jupiter.api.Test;

/** A running cluster takes in a new member: scripted on the simulator, one step at a time. */
class MembershipScenarioTest {

    private static final Color ORANGE = Color.of("#FF4500");
    /** Three members (1-3) and node 4, which starts outside the cluster and asks to join. */
    private final Simulation sim = new Simulation(11, new ScenarioOptions(3, EnumSet.noneOf(Faults.class), 0, 0,
        60_000, 0, 1_000, 1_000, 16, 0, false, new ScenarioOptions.Churn(1, 0, 0, 0),
        ScenarioOptions.Sharding.NONE));
    private final SimulationSteps steps = new SimulationSteps(sim);

    private boolean everyoneHas(List<Integer> members) {
        return sim.nodeIds().stream().allMatch(id -> sim.engine(id).report().membership().members().equals(members));
    }

    private boolean leads(int id) {
        return sim.engine(id).role() == Role.LEADER && sim.engine(id).report().leaderActive();
    }

    @Test
    void aJoinerCatchesUpIsAdmittedAndThenCountsInEveryMajority() {
        sim.startAll();
        steps.runUntil(() -> leads(3), 10_000);
        steps.await(sim.engine(1).place("alice", 1, 1, ORANGE));

        sim.restart(4);
        assertFalse(sim.engine(4).report().member());
        PlaceException waiting = assertInstanceOf(PlaceException.class,
            sim.engine(4).place("dora", 2, 2, ORANGE).handle((ok, error) -> error).join());
        assertEquals(PlaceError.NOT_READY, waiting.code(), "no painting before it is admitted");

        steps.runUntil(() -> everyoneHas(List.of(1, 2, 3, 4)), 15_000);
        assertEquals(1, sim.engine(4).report().membership().version(), "one change");
        assertEquals(ORANGE, sim.engine(4).replica().canvas().colorAt(1, 1), "caught up before it was admitted");
        steps.runUntil(() -> leads(4), 15_000);

        steps.await(sim.engine(4).place("dora", 2, 2, ORANGE));
        steps.runUntil(sim::converged, 10_000);
        for (int id : sim.nodeIds()) {
            assertEquals(ORANGE, sim.engine(id).replica().canvas().colorAt(2, 2), "node " + id);
        }

        // Four members: a write needs three. Two up are no longer a majority.
        sim.crash(1);
        sim.crash(2);
        PlaceException minority = steps.refusal(sim.engine(3).place("carol", 3, 3, ORANGE));
        assertEquals(PlaceError.NO_QUORUM, minority.code());
    }
}
