package org.distriplace.core.protocol.commit;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.BatchId;
import org.junit.jupiter.api.Test;

class CommitParticipantTest {

    private final Batch old = new Batch(2, 4, 3, List.of(write(3, 1, 0, 0)));
    private final Batch current = new Batch(3, 1, 5, List.of(write(5, 1, 1, 1)));

    @Test
    void holdsPreparedBatchesUntilDecided() {
        CommitParticipant participant = new CommitParticipant(0, List.of());
        participant.prepare(current);
        assertEquals(3, participant.installedEpoch());
        assertEquals(List.of(current), participant.inDoubt());
        assertEquals(current, participant.decideCommit(current.id()).orElseThrow());
        assertTrue(participant.decideCommit(current.id()).isEmpty(), "decided once");
        assertTrue(participant.inDoubt().isEmpty());
    }

    @Test
    void aNewerEpochsProposalMakesOlderDoubtsObsolete() {
        CommitParticipant participant = new CommitParticipant(2, List.of(old));
        assertFalse(participant.enterEpoch(2));
        assertTrue(participant.enterEpoch(3));
        assertTrue(participant.inDoubt().isEmpty());
    }

    @Test
    void abortForgetsTheBatch() {
        CommitParticipant participant = new CommitParticipant(0, List.of());
        participant.prepare(current);
        assertTrue(participant.decideAbort(new BatchId(3, 1)));
        assertFalse(participant.decideAbort(new BatchId(3, 1)));
    }

    @Test
    void batchesAlreadyHeldAreDiscarded() {
        CommitParticipant participant = new CommitParticipant(3, List.of(current));
        assertFalse(participant.discardHeld(write -> false, entry -> true, 0));
        assertTrue(participant.discardHeld(write -> true, entry -> true, 0));
        assertTrue(participant.inDoubt().isEmpty());
    }
}
