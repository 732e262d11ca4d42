package org.distriplace.core.protocol.commit;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.junit.jupiter.api.Test;

class LeaderRecoveryTest {

    private static PeerMessage.Promise promise(int node, long installed, List<Batch> inDoubt, VectorClock version) {
        return new PeerMessage.Promise(node, 9, installed, inDoubt, version, members(5), VectorClock.EMPTY);
    }

    /** Nodes 1..n, the initial configuration. */
    private static Membership members(int n) {
        return Membership.initial(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
    }

    @Test
    void needsAMajorityOfTheMembershipItselfIncluded() {
        LeaderRecovery recovery = new LeaderRecovery(9, members(5));
        recovery.onPromise(promise(5, 0, List.of(), VectorClock.EMPTY));
        recovery.onPromise(promise(4, 0, List.of(), VectorClock.EMPTY));
        assertFalse(recovery.hasQuorum());
        recovery.onPromise(new PeerMessage.Promise(3, 8, 0, List.of(), VectorClock.EMPTY, members(5),
            VectorClock.EMPTY));
        assertFalse(recovery.hasQuorum(), "a promise for another epoch does not count");
        recovery.onPromise(promise(3, 0, List.of(), VectorClock.EMPTY));
        assertTrue(recovery.hasQuorum());
        recovery.forget(3);
        assertFalse(recovery.hasQuorum());
    }

    @Test
    void adoptsOnlyTheNewestEpochsDoubtsOnceEachInDotOrder() {
        Batch stale = new Batch(4, 2, 1, List.of(write(1, 9, 0, 0)));
        Batch newest = new Batch(6, 3, 2, List.of(write(2, 5, 0, 0), write(2, 6, 1, 1)));
        Batch newestAgain = new Batch(6, 4, 2, List.of(write(2, 6, 1, 1), write(2, 7, 2, 2)));
        LeaderRecovery recovery = new LeaderRecovery(9, members(3));
        recovery.onPromise(promise(3, 4, List.of(stale), VectorClock.EMPTY));
        recovery.onPromise(promise(2, 6, List.of(newestAgain, newest), VectorClock.EMPTY));
        assertEquals(6, recovery.decidingEpoch());
        assertEquals(List.of(write(2, 5, 0, 0), write(2, 6, 1, 1), write(2, 7, 2, 2)), recovery.adoptedWrites());
    }

    @Test
    void anInstalledNewerEpochRetiresOlderDoubtsEvenWithNothingInDoubt() {
        LeaderRecovery recovery = new LeaderRecovery(9, members(3));
        recovery.onPromise(promise(3, 4, List.of(new Batch(4, 2, 1, List.of(write(1, 9, 0, 0)))), VectorClock.EMPTY));
        recovery.onPromise(promise(2, 7, List.of(), VectorClock.EMPTY));
        assertEquals(7, recovery.decidingEpoch());
        assertEquals(List.of(), recovery.adoptedWrites());
    }

    @Test
    void namesPromisersHoldingCommittedWritesTheLeaderLacks() {
        LeaderRecovery recovery = new LeaderRecovery(9, members(3));
        recovery.onPromise(promise(3, 0, List.of(), VectorClock.EMPTY.with(1, 4)));
        recovery.onPromise(promise(2, 0, List.of(), VectorClock.EMPTY.with(1, 6)));
        assertEquals(List.of(2), recovery.promisersAhead(VectorClock.EMPTY.with(1, 5), VectorClock.EMPTY));
        assertEquals(List.of(), recovery.promisersAhead(VectorClock.EMPTY.with(1, 6), VectorClock.EMPTY));
    }
}
