package org.distriplace.core.protocol.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrderersTest {

    @Test
    void groupZeroOrdersAsTheNodeItselfAndEveryOtherGroupApart() {
        assertEquals(7, Orderers.of(0, 7), "a one-shard cluster's dots are as they were");
        assertNotEquals(Orderers.of(1, 7), Orderers.of(2, 7));
        assertNotEquals(Orderers.of(1, 7), Orderers.of(1, 8));
        int orderer = Orderers.of(101, 1000);
        assertEquals(101, Orderers.group(orderer));
        assertEquals(1000, Orderers.node(orderer));
        assertEquals(Orderers.MAX_GROUPS - 1, Orderers.group(Orderers.of(Orderers.MAX_GROUPS - 1,
            Orderers.STRIDE - 1)), "the largest orderer is a positive int");
    }

    @Test
    void nodesAndGroupsOutOfRangeHaveNoOrderer() {
        assertThrows(IllegalArgumentException.class, () -> Orderers.of(1, Orderers.STRIDE));
        assertThrows(IllegalArgumentException.class, () -> Orderers.of(Orderers.MAX_GROUPS, 1));
        assertThrows(IllegalArgumentException.class, () -> Orderers.of(-1, 1));
    }
}
