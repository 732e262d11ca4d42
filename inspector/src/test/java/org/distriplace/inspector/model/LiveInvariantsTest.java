package org.distriplace.inspector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.sim.Invariant;
import org.junit.jupiter.api.Test;

/** The invariants the inspector checks from events alone, on any cluster. */
class LiveInvariantsTest {

    private final InspectorModel model = new InspectorModel();

    private static PixelWrite write(long counter, int x, long requestId) {
        return new PixelWrite(x, 1, Color.of("#FF4500"), "ada", 1, requestId, Hlc.pack(1_000 + counter, 0), 3,
            VectorClock.EMPTY.with(3, counter), 1, counter);
    }

    @Test
    void aHealthyStoryBreaksNothing() {
        model.accept(new NodeEvent.RoleChanged(100, 3, Role.LEADER, 3, 1));
        model.accept(new NodeEvent.CommitPhase(200, 3, 1, 1, Phase.COMMIT, 1, List.of(3, 1), List.of(), 0));
        model.accept(new NodeEvent.Committed(200, 3, 1, 1, 3, List.of(write(1, 1, 7))));
        model.accept(new NodeEvent.Committed(210, 1, 1, 1, 3, List.of(write(1, 1, 7))));
        model.accept(new NodeEvent.EpochChanged(300, 1, 1, 2, 2));
        assertEquals(List.of(), model.invariants().violations());
    }

    @Test
    void eachBrokenInvariantIsNamedWithWhatShowsIt() {
        model.accept(new NodeEvent.EpochChanged(100, 2, 0, 3, 3));
        model.accept(new NodeEvent.RoleChanged(200, 2, Role.FOLLOWER, 1, 2));
        assertTrue(model.invariants().violation(Invariant.EPOCHS).contains("n2 went from epoch 3 back to 2"));

        model.accept(new NodeEvent.CommitPhase(300, 3, 4, 1, Phase.COMMIT, 0, List.of(), List.of(), 0));
        model.accept(new NodeEvent.CommitPhase(310, 2, 4, 1, Phase.COMMIT, 0, List.of(), List.of(), 0));
        assertTrue(model.invariants().violation(Invariant.ONE_LEADER).contains("epoch 4 has commits from n3 and n2"));

        model.accept(new NodeEvent.Committed(400, 1, 4, 2, 3, List.of(write(5, 1, 70))));
        assertNull(model.invariants().violation(Invariant.DOTS));
        model.accept(new NodeEvent.Committed(410, 2, 4, 2, 3, List.of(write(5, 2, 71))));
        assertTrue(model.invariants().violation(Invariant.DOTS).startsWith("dot 3:5 committed as"));

        model.accept(new NodeEvent.Committed(420, 1, 4, 3, 3, List.of(write(6, 3, 70))));
        assertTrue(model.invariants().violation(Invariant.ONCE).contains("request 70 of n1 committed twice"));
        assertEquals(4, model.invariants().violations().size());
    }
}
