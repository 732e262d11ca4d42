package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.runtime.LinkFaults;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the fault panel's faults land: on the sender when it runs here, else on the receiver. */
class RealFaultsTest {

    private final Map<Integer, Node> nodes = Map.of(1, node(1), 2, node(2));

    private static Node node(int id) {
        return new Node(NodeConfig.builder(id, List.of(1, 2, 3)).build(), (to, message) -> { },
            new MemoryEventStore(), EventSink.NONE);
    }

    @AfterEach
    void close() {
        nodes.values().forEach(Node::close);
    }

    /** Nodes 1 and 2 run here; node 3 is on another machine. */
    private RealFaults faults() {
        return new RealFaults(() -> List.of(1, 2, 3), id -> Optional.ofNullable(nodes.get(id)), null);
    }

    @Test
    void aLinkFaultIsPlayedByTheSenderWhenItRunsHereElseByTheReceiver() {
        RealFaults faults = faults();
        faults.setLink(1, 2, LinkConditions.lossAndDelay(100, 0));
        faults.setLink(3, 2, LinkConditions.lossAndDelay(100, 0));
        assertArrayEquals(LinkFaults.DROPPED, nodes.get(1).faults().outbound(2));
        assertArrayEquals(LinkFaults.NOW, nodes.get(2).faults().inbound(1), "not twice: node 1 drops them already");
        assertArrayEquals(LinkFaults.DROPPED, nodes.get(2).faults().inbound(3), "node 3 is elsewhere");
        assertArrayEquals(LinkFaults.NOW, nodes.get(2).faults().outbound(1), "links are directed");
        assertEquals(LinkConditions.lossAndDelay(100, 0), faults.link(1, 2));

        faults.setLink(1, 2, LinkConditions.lossAndDelay(0, 250));
        assertArrayEquals(new long[] {250}, nodes.get(1).faults().outbound(2));
        faults.setLink(1, 2, LinkConditions.NONE);
        assertArrayEquals(LinkFaults.NOW, nodes.get(1).faults().outbound(2));
        assertEquals(LinkConditions.NONE, faults.link(1, 2));
    }

    @Test
    void aPartitionCutsEachLocalNodeOffFromTheOtherGroupsUntilHealed() {
        RealFaults faults = faults();
        faults.partition(List.of(Set.of(1), Set.of(2, 3)));
        assertEquals(Set.of(2, 3), nodes.get(1).faults().cutOff());
        assertEquals(Set.of(1), nodes.get(2).faults().cutOff());
        faults.heal();
        assertTrue(nodes.get(1).faults().cutOff().isEmpty());
        assertTrue(nodes.get(2).faults().cutOff().isEmpty());
    }

    @Test
    void withoutALifecycleNothingCanBeKilled() {
        RealFaults faults = faults();
        assertFalse(faults.canKill(1));
        faults.kill(1);
        assertTrue(faults.isRunning(1));
    }
}
