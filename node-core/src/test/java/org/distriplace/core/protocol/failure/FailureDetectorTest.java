package org.distriplace.core.protocol.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.event.Liveness;
import org.junit.jupiter.api.Test;

class FailureDetectorTest {

    private final FailureDetector detector = new FailureDetector(List.of(2, 3), 2_000, 4_000, 6_000);

    @Test
    void unheardPeersAreDeadUntilTheySpeak() {
        assertEquals(Liveness.DEAD, detector.status(2));
        assertEquals(List.of(), detector.reachablePeers());
        assertEquals(new FailureDetector.Transition(2, Liveness.DEAD, Liveness.ALIVE),
            detector.heard(2, 100).orElseThrow());
        assertTrue(detector.heard(2, 200).isEmpty(), "no transition while alive");
        assertEquals(List.of(2), detector.reachablePeers());
    }

    @Test
    void silenceMakesAPeerSuspectedThenDead() {
        detector.heard(2, 0);
        assertEquals(List.of(), detector.tick(3_999));
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(4_000));
        assertEquals(List.of(2), detector.reachablePeers(), "suspected is still reachable");
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.SUSPECTED, Liveness.DEAD)),
            detector.tick(6_000));
        assertTrue(detector.isDead(2));
        assertEquals(Liveness.ALIVE, detector.heard(2, 6_500).orElseThrow().to());
    }

    @Test
    void ticksBetweenChangesFindNothingAndEveryPeerStillChangesOnTime() {
        detector.heard(2, 0);
        assertEquals(List.of(), detector.tick(10));
        detector.heard(3, 3_000); // heard late: its change is after 2's, and must not be skipped
        detector.heard(2, 3_500); // heard again: its change moves later than the detector last computed
        assertEquals(List.of(), detector.tick(4_000), "2 was heard at 3,500");
        assertEquals(List.of(new FailureDetector.Transition(3, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(7_000));
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(7_500));
        assertEquals(List.of(new FailureDetector.Transition(3, Liveness.SUSPECTED, Liveness.DEAD)),
            detector.tick(9_000));
        detector.heard(3, 9_100); // back from the dead: suspected again 4 s later, whatever came before
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.SUSPECTED, Liveness.DEAD)),
            detector.tick(9_500));
        assertEquals(List.of(), detector.tick(13_099));
        assertEquals(List.of(new FailureDetector.Transition(3, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(13_100));
    }

    @Test
    void aPeerHeardWhileEveryPeerIsDeadIsStillSuspectedOnTime() {
        assertEquals(List.of(), detector.tick(0), "every peer dead: nothing can change until one is heard");
        detector.heard(2, 100);
        assertEquals(List.of(), detector.tick(4_099));
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(4_100));
        FailureDetector joined = new FailureDetector(List.of(2), 2_000, 4_000, 6_000);
        joined.tick(0);
        joined.usePeersAddedAt(List.of(2, 5), 200);
        assertEquals(List.of(new FailureDetector.Transition(5, Liveness.ALIVE, Liveness.SUSPECTED)),
            joined.tick(4_200), "a member added while every peer was dead");
    }

    @Test
    void aMemberAddedByAgreementIsSuspectedOnTime() {
        detector.heard(2, 0);
        detector.tick(1_000);
        detector.usePeersAddedAt(List.of(2, 3, 4), 2_000);
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.ALIVE, Liveness.SUSPECTED)),
            detector.tick(4_000));
        assertEquals(List.of(new FailureDetector.Transition(2, Liveness.SUSPECTED, Liveness.DEAD),
            new FailureDetector.Transition(4, Liveness.ALIVE, Liveness.SUSPECTED)), detector.tick(6_000));
    }

    @Test
    void heartbeatIsDueOncePerInterval() {
        assertTrue(detector.heartbeatDue(0));
        assertFalse(detector.heartbeatDue(1_999));
        assertTrue(detector.heartbeatDue(2_000));
    }

    @Test
    void strangersAreIgnored() {
        assertTrue(detector.heard(9, 0).isEmpty());
        assertFalse(detector.statuses().containsKey(9));
    }
}
