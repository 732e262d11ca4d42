package org.distriplace.inspector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.inspector.Script;
import org.junit.jupiter.api.Test;

/** The commit dots' table: a stopped node's row goes, even when its last report is drained after its stop. */
class VectorClocksTest {

    private final InspectorModel model = new InspectorModel();

    private List<Integer> rows() {
        return model.clocks().rows().stream().map(VectorClocks.Row::node).toList();
    }

    @Test
    void aStoppedNodesRowGoesAndComesBackWithItsNextLife() {
        for (int node = 1; node <= 3; node++) {
            model.accept(Script.report(node, 100, Role.FOLLOWER, 3, 1, Map.of(3, 2L), Map.of()));
        }
        model.accept(new NodeEvent.Lifecycle(500, 1, NodeEvent.Lifecycle.Stage.STOPPED, "crashed"));
        // A lesson kills between a frame's reports and their draining: the report comes after the stop.
        model.accept(Script.report(1, 450, Role.FOLLOWER, 3, 1, Map.of(3, 2L), Map.of()));
        assertEquals(List.of(2, 3), rows());
        model.accept(Script.report(1, 900, Role.FOLLOWER, 3, 1, Map.of(3, 4L), Map.of()));
        assertEquals(List.of(1, 2, 3), rows(), "restarted: it reports again");
        assertEquals(4, model.clocks().rows().get(0).version().get(3));
    }
}
