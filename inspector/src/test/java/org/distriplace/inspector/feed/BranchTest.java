package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Color;
import org.distriplace.inspector.model.Divergence;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;

/** Branching a simulated run: two copies that went the same way, then apart where the presenter chose. */
class BranchTest {

    private final EventInbox inbox = new EventInbox(1_000_000);
    private final SimulatedCluster original = new SimulatedCluster(DemoSettings.demo(5, 11), inbox);

    private static InspectorModel drained(EventInbox inbox) {
        InspectorModel model = new InspectorModel();
        inbox.drainTo(model, Integer.MAX_VALUE);
        return model;
    }

    private void ranWithFaultsAndPaint() {
        original.setSpeed(1);
        for (int i = 0; i < 60; i++) {
            original.advance(50);
        }
        original.place(2, "teacher", 3, 4, Color.of("#FF4500"));
        original.partition(List.of(Set.of(1, 2, 3), Set.of(4, 5)));
        for (int i = 0; i < 40; i++) {
            original.advance(50);
        }
        original.setPaused(true);
    }

    @Test
    void aBranchStartsExactlyWhereTheRunIsAndTellsTheSameStory() {
        ranWithFaultsAndPaint();
        InspectorModel told = drained(inbox);
        EventInbox branchInbox = new EventInbox(1_000_000);
        SimulatedCluster branch = original.branch(branchInbox);

        assertEquals(original.eventsRun(), branch.eventsRun());
        assertEquals(SimulatedClusterTest.fingerprint(original), SimulatedClusterTest.fingerprint(branch));
        assertTrue(branch.isPaused(), "a branch waits for the presenter");
        InspectorModel retold = drained(branchInbox);
        assertEquals(told.log().events(), retold.log().events(), "the same events, in the same order");
        assertEquals(Optional.empty(), Divergence.first(told.log(), retold.log()));
    }

    @Test
    void leftAloneTheTwoRunTheSameWayAndAChangedFaultSetsThemApart() {
        ranWithFaultsAndPaint();
        SimulatedCluster a = original.branch(new EventInbox(1_000_000));
        EventInbox bInbox = new EventInbox(1_000_000);
        SimulatedCluster b = original.branch(bInbox);
        long t = a.now() + 2_000;
        a.runTo(t);
        b.runTo(t);
        assertEquals(SimulatedClusterTest.fingerprint(a), SimulatedClusterTest.fingerprint(b), "deterministic: nothing changed, nothing differs");

        b.heal();
        a.runTo(t + 8_000);
        b.runTo(t + 8_000);
        assertEquals(a.now(), b.now(), "run to the same moment");
        assertNotEquals(SimulatedClusterTest.fingerprint(a), SimulatedClusterTest.fingerprint(b), "healed in b only");
        assertFalse(a.violation().isPresent() || b.violation().isPresent());
    }

    @Test
    void whatIsDoneInABranchLeavesTheOriginalAlone() {
        ranWithFaultsAndPaint();
        String before = SimulatedClusterTest.fingerprint(original);
        long events = original.eventsRun();
        SimulatedCluster branch = original.branch(new EventInbox(1_000_000));
        branch.kill(1);
        branch.place(3, "other", 5, 5, Color.of("#FFFFFF"));
        branch.runTo(branch.now() + 3_000);
        assertEquals(before, SimulatedClusterTest.fingerprint(original));
        assertEquals(events, original.eventsRun());
        assertTrue(original.isRunning(1));
        assertFalse(branch.isRunning(1));
        assertTrue(branch.stepBack(), "a branch steps back like any run");
        assertFalse(branch.isRunning(1), "its own past kept the crash");
    }

    @Test
    void theFirstDifferenceIsTheFirstEventTheTwoRunsDoNotShare() {
        ranWithFaultsAndPaint();
        EventInbox aInbox = new EventInbox(1_000_000);
        EventInbox bInbox = new EventInbox(1_000_000);
        SimulatedCluster a = original.branch(aInbox);
        SimulatedCluster b = original.branch(bInbox);
        b.kill(4);
        a.runTo(a.now() + 1_000);
        b.runTo(b.now() + 1_000);
        InspectorModel aModel = drained(aInbox);
        InspectorModel bModel = drained(bInbox);
        Divergence.Difference first = Divergence.first(aModel.log(), bModel.log()).orElseThrow();
        assertTrue(first.seq() > 1, "the shared past is alike");
        assertEquals(aModel.log().events().subList(0, (int) first.seq() - 1),
            bModel.log().events().subList(0, (int) first.seq() - 1));
        assertNotEquals(first.a().event(), first.b().event());
        assertTrue(first.b().event() instanceof NodeEvent.Lifecycle stopped && stopped.node() == 4,
            "b's crash is where they part: " + first.b().text());
    }
}
