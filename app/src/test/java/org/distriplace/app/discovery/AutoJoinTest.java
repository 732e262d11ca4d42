package org.distriplace.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which cluster a lone node joins: never breaking up a cluster, never two lone nodes joining each other. */
class AutoJoinTest {

    private static NearbyNodes.Nearby node(String instance, int id, List<Integer> members) {
        return new NearbyNodes.Nearby(new Beacon("party", instance, id, 9000 + id, 8000 + id, members), "10.0.0." + id,
            0, false);
    }

    private static Optional<String> choice(boolean alone, String own, NearbyNodes.Nearby... nearby) {
        return AutoJoin.choose(alone, own, List.of(nearby)).map(node -> node.beacon().instance());
    }

    @Test
    void aNodeThatIsNotAloneNeverMoves() {
        assertEquals(Optional.empty(), choice(false, "m", node("z", 1, List.of(1, 2, 3))));
    }

    @Test
    void aLoneNodeJoinsTheLargestClusterNearby() {
        assertEquals(Optional.of("b"), choice(true, "m", node("a", 1, List.of(1, 2)), node("b", 7, List.of(5, 6, 7)),
            node("z", 1, List.of(1))));
    }

    @Test
    void amongLoneNodesTheGreatestInstanceStaysAndTheOthersJoinIt() {
        assertEquals(Optional.of("z"), choice(true, "m", node("a", 1, List.of(1)), node("z", 1, List.of(1))));
        assertEquals(Optional.empty(), choice(true, "z", node("a", 1, List.of(1)), node("m", 1, List.of(1))),
            "the greatest stays put, so two lone nodes never join each other at once");
    }

    @Test
    void nodesStillWaitingToBeAdmittedAreNotJoinedThrough() {
        assertTrue(choice(true, "a", node("z", 9, List.of())).isEmpty());
        assertTrue(choice(true, "a", node("z", 9, List.of(1, 2))).isEmpty(), "its beacon must name itself");
    }
}
