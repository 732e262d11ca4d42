package org.distriplace.core.protocol.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.RecordingSender;
import org.junit.jupiter.api.Test;

class CommitCoordinatorTest {

    private final RecordingSender sender = new RecordingSender();
    private final List<String> decisions = new ArrayList<>();
    private final List<Batch> proposed = new ArrayList<>();
    private final CommitCoordinator coordinator = new CommitCoordinator(5, 3,
        Membership.initial(List.of(1, 2, 3, 4, 5)), 100, 1_000,
        250, 100, sender, EventSink.NONE, new CommitCoordinator.Listener() {
            public void proposed(Batch batch, long now) { proposed.add(batch); }
            public void decided(Batch batch, boolean committed, long now) {
                decisions.add(batch.id() + (committed ? " commit" : " abort"));
            }
        });

    private static AcceptedWrite accepted(String user) {
        return new AcceptedWrite(1, 2, Color.of("#FF4500"), user, 2, 9, 1_000);
    }

    private void installEmpty() {
        coordinator.startInstall(List.of(), List.of(), null, VectorClock.EMPTY, 0, 0);
        vote(0, 1, true);
        vote(0, 2, true);
        sender.clear();
        decisions.clear();
    }

    private void vote(long proposal, int node, boolean accept) {
        coordinator.onVote(new PeerMessage.Vote(proposal, 3, node, accept), 1);
    }

    @Test
    void clientWritesWaitUntilTheInstallBatchCommits() {
        coordinator.startInstall(List.of(), List.of(), null, VectorClock.EMPTY, 0, 0);
        assertEquals(List.of(1, 2, 3, 4), sender.recipientsOf(PeerMessage.Prepare.class));
        assertFalse(coordinator.active());
        vote(0, 1, true);
        assertFalse(coordinator.active(), "2 of 5 is not a majority");
        vote(0, 2, true);
        assertTrue(coordinator.active());
        assertEquals(List.of("3/0 commit"), decisions);
        assertEquals(List.of(1, 2, 3, 4), sender.recipientsOf(PeerMessage.Commit.class));
    }

    @Test
    void anAbortedInstallBatchIsProposedAgainEvenEmptyUntilTheLeaderIsActive() {
        coordinator.startInstall(List.of(), List.of(), null, VectorClock.EMPTY, 0, 0);
        coordinator.tick(1_000, VectorClock.EMPTY);
        assertEquals(List.of("3/0 abort"), decisions);
        sender.clear();
        coordinator.tick(1_000, VectorClock.EMPTY);
        assertEquals(List.of(1, 2, 3, 4), sender.recipientsOf(PeerMessage.Prepare.class), "proposed again");
        assertEquals(List.of(), proposed.get(1).writes());
        vote(1, 1, true);
        vote(1, 2, true);
        assertTrue(coordinator.active());
    }

    @Test
    void preparesAreResentOnlyToSilentPeersAndLessOftenEachTime() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        vote(1, 1, true);
        sender.clear();
        List<Long> resentAt = new ArrayList<>();
        for (long now = 101; now < 1_000; now++) {
            int before = sender.of(PeerMessage.Prepare.class).size();
            coordinator.tick(now, VectorClock.EMPTY);
            if (sender.of(PeerMessage.Prepare.class).size() > before) {
                resentAt.add(now);
            }
        }
        assertEquals(List.of(350L, 850L), resentAt, "after 250 ms, then 500 ms more");
        assertEquals(List.of(2, 2, 3, 3, 4, 4), sender.recipientsOf(PeerMessage.Prepare.class),
            "node 1 voted, so only 2, 3 and 4 get copies");
    }

    @Test
    void learnersHearEveryPrepareAndCommitOnceAndNoResend() {
        coordinator.setLearners(java.util.Set.of(7, 8));
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        assertEquals(List.of(1, 2, 3, 4, 7, 8), sender.recipientsOf(PeerMessage.Prepare.class));
        sender.clear();
        coordinator.tick(350, VectorClock.EMPTY);
        assertEquals(List.of(1, 2, 3, 4), sender.recipientsOf(PeerMessage.Prepare.class), "voters only");
        vote(1, 1, true);
        vote(1, 2, true);
        assertEquals(List.of(1, 2, 3, 4, 7, 8), sender.recipientsOf(PeerMessage.Commit.class));
    }

    @Test
    void proposesOnceABatchIntervalWithDotsThatContinueTheLeadersSequence() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.enqueue(accepted("b"));
        coordinator.tick(50, VectorClock.EMPTY.with(1, 4));
        assertEquals(List.of(), sender.recipientsOf(PeerMessage.Prepare.class), "interval not over");
        coordinator.tick(100, VectorClock.EMPTY.with(1, 4));
        PeerMessage.Prepare prepare = (PeerMessage.Prepare) sender.of(PeerMessage.Prepare.class).get(0).message();
        assertEquals(1, prepare.proposalId());
        assertEquals(List.of(new Dot(5, 1), new Dot(5, 2)), prepare.batch().stream().map(PixelWrite::dot).toList());
        assertEquals(4, prepare.batch().get(0).vectorClock().get(1), "stamped with the leader's version");
        assertEquals(new PeerMessage.Decision(0, true), prepare.previous());
    }

    @Test
    void aMinorityOfVotesNeverCommitsAndTimeoutPresumesAbort() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        vote(1, 1, true);
        coordinator.tick(349, VectorClock.EMPTY);
        sender.clear();
        coordinator.tick(350, VectorClock.EMPTY);
        assertEquals(List.of(2, 3, 4), sender.recipientsOf(PeerMessage.Prepare.class), "resent to the silent");
        coordinator.tick(1_100, VectorClock.EMPTY);
        assertEquals(List.of("3/1 abort"), decisions);
        assertEquals(List.of(1, 2, 3, 4), sender.recipientsOf(PeerMessage.Abort.class));
        assertNull(coordinator.inFlight());
    }

    @Test
    void aTimedOutRoundHalvesTheBatchAndTheRestFollowsInOrder() {
        installEmpty();
        for (int i = 0; i < 150; i++) {
            coordinator.enqueue(accepted("u" + i));
        }
        coordinator.tick(100, VectorClock.EMPTY);
        assertEquals(100, proposed.get(1).writes().size(), "the configured maximum");
        coordinator.tick(1_100, VectorClock.EMPTY);
        assertEquals(List.of("3/1 abort"), decisions);
        assertEquals(CommitCoordinator.MIN_BATCH_LIMIT, coordinator.batchLimit());
        coordinator.tick(1_100, VectorClock.EMPTY);
        assertEquals(proposed.get(1).writes().subList(0, 64), proposed.get(2).writes(), "a prefix, same dots");
        vote(2, 1, true);
        vote(2, 2, true);
        coordinator.tick(1_200, VectorClock.EMPTY);
        List<Dot> third = proposed.get(3).writes().stream().map(PixelWrite::dot).toList();
        assertEquals(new Dot(5, 65), third.get(0), "the rest of the aborted batch comes next");
        assertEquals(new Dot(5, 65 + third.size() - 1), third.get(third.size() - 1), "then new writes, gapless");
        assertTrue(third.size() > 64, "a full batch committed, so the limit grew: " + third.size());
    }

    @Test
    void aRefusedRoundKeepsTheBatchLimit() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        vote(1, 1, false);
        vote(1, 2, false);
        vote(1, 3, false);
        assertEquals(List.of("3/1 abort"), decisions);
        assertEquals(100, coordinator.batchLimit());
    }

    @Test
    void abortedWritesAreProposedAgainWithTheSameDots() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        coordinator.tick(1_100, VectorClock.EMPTY);
        coordinator.enqueue(accepted("b"));
        coordinator.tick(1_100, VectorClock.EMPTY);
        Batch retry = proposed.get(proposed.size() - 1);
        assertEquals(2, retry.proposalId());
        assertEquals(List.of(new Dot(5, 1), new Dot(5, 2)), retry.writes().stream().map(PixelWrite::dot).toList());
        assertEquals(proposed.get(1).writes().get(0), retry.writes().get(0), "the very same write");
    }

    @Test
    void enoughNoVotesAbortAtOnce() {
        installEmpty();
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY);
        vote(1, 1, false);
        vote(1, 2, false);
        assertTrue(decisions.isEmpty(), "3 could still say yes");
        vote(1, 3, false);
        assertEquals(List.of("3/1 abort"), decisions);
    }

    @Test
    void votesForOtherProposalsOrEpochsAreIgnored() {
        coordinator.startInstall(List.of(), List.of(), null, VectorClock.EMPTY, 0, 0);
        coordinator.onVote(new PeerMessage.Vote(0, 2, 1, true), 1);
        coordinator.onVote(new PeerMessage.Vote(7, 3, 2, true), 1);
        assertTrue(decisions.isEmpty());
    }

    @Test
    void installProposesAdoptedWritesAndNewDotsFollowThem() {
        PixelWrite adopted = new PixelWrite(0, 0, Color.of("#000000"), "x", 1, 1, 5, 5, VectorClock.EMPTY.with(5, 7));
        coordinator.startInstall(List.of(adopted), List.of(), null, VectorClock.EMPTY.with(5, 6), 0, 0);
        assertEquals(List.of(adopted), proposed.get(0).writes());
        vote(0, 1, true);
        vote(0, 2, true);
        coordinator.enqueue(accepted("a"));
        coordinator.tick(100, VectorClock.EMPTY.with(5, 7));
        assertEquals(new Dot(5, 8), proposed.get(1).writes().get(0).dot());
    }
}
