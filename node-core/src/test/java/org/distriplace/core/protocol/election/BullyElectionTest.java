package org.distriplace.core.protocol.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.RecordingSender;
import org.distriplace.core.protocol.failure.FailureDetector;
import org.junit.jupiter.api.Test;

class BullyElectionTest {

    private static final List<Integer> MEMBERS = List.of(1, 2, 3);
    private final RecordingSender sender = new RecordingSender();
    private final List<String> reactions = new ArrayList<>();
    private final BullyElection.Listener listener = new BullyElection.Listener() {
        public void becameLeader(long epoch, long now) { reactions.add("lead " + epoch); }
        public void following(int leaderId, long epoch, long now) { reactions.add("follow " + leaderId + "@" + epoch); }
        public void steppedDown(long now) { reactions.add("down"); }
        public void epochChanged(long from, long to, int promisedTo, long now) { reactions.add("epoch " + to); }
    };

    private BullyElection node(int id, long epoch, int promise) {
        return new BullyElection(id, MEMBERS, 500, 3_000, epoch, promise, sender, EventSink.NONE, listener);
    }

    private FailureDetector detector(int self) {
        return new FailureDetector(MEMBERS.stream().filter(id -> id != self).toList(), 2_000, 4_000, 6_000);
    }

    @Test
    void theHighestIdWinsAtOnceWithAHigherEpoch() {
        BullyElection highest = node(3, 4, 0);
        highest.observe(6);
        highest.startElection(0, "test");
        assertEquals(Role.LEADER, highest.role());
        assertEquals(7, highest.epoch(), "above every epoch seen");
        assertEquals(List.of(1, 2), sender.recipientsOf(PeerMessage.Coordinator.class));
        assertEquals(List.of("epoch 7", "lead 7"), reactions);
    }

    @Test
    void aLowerIdAsksHigherIdsAndWinsOnlyIfNoneAnswers() {
        BullyElection low = node(1, 0, 0);
        low.startElection(0, "test");
        assertEquals(List.of(2, 3), sender.recipientsOf(PeerMessage.Election.class));
        assertEquals(Role.CANDIDATE, low.role());
        low.tick(499, detector(1), true);
        assertEquals(Role.CANDIDATE, low.role());
        low.tick(500, detector(1), true);
        assertEquals(Role.LEADER, low.role());
        assertEquals(1, low.epoch());
    }

    @Test
    void aCandidateWhoseHigherIdsAreAllDeadWinsWithoutWaiting() {
        BullyElection low = node(1, 0, 0);
        low.useFailureDetector(peer -> peer == 2 || peer == 3);
        low.startElection(0, "test");
        assertEquals(Role.LEADER, low.role());
        assertEquals(List.of(2, 3), sender.recipientsOf(PeerMessage.Coordinator.class));
        BullyElection other = node(1, 0, 0);
        other.useFailureDetector(peer -> peer == 3);
        sender.clear();
        other.startElection(0, "test");
        assertEquals(Role.CANDIDATE, other.role(), "node 2 may be alive: ask it");
    }

    @Test
    void anAnswerMakesTheCandidateWaitForTheCoordinatorAndRetryIfItNeverComes() {
        BullyElection low = node(1, 0, 0);
        low.startElection(0, "test");
        low.onAnswer(new PeerMessage.Answer(3, 0), 10);
        low.tick(600, detector(1), true);
        assertEquals(Role.CANDIDATE, low.role(), "a higher id took over");
        sender.clear();
        low.tick(3_010, detector(1), true);
        assertEquals(List.of(2, 3), sender.recipientsOf(PeerMessage.Election.class), "no COORDINATOR: again");
    }

    @Test
    void aHigherIdAnswersAnElectionAndTakesOver() {
        BullyElection high = node(3, 2, 0);
        high.onElection(new PeerMessage.Election(1, 1, 2), 0);
        assertEquals(List.of(1), sender.recipientsOf(PeerMessage.Answer.class));
        assertEquals(Role.LEADER, high.role());
        assertEquals(3, high.epoch());
    }

    @Test
    void aFollowerOfALiveHigherLeaderAnswersAnElectionWithoutStartingItsOwn() {
        BullyElection middle = node(2, 4, 3);
        middle.onLeaderClaim(3, 4, 0, MessageKind.COORDINATOR);
        sender.clear();
        middle.onElection(new PeerMessage.Election(1, 1, 4), 10);
        assertEquals(List.of(1), sender.recipientsOf(PeerMessage.Answer.class), "node 1 is still bullied");
        assertEquals(List.of(), sender.recipientsOf(PeerMessage.Election.class), "no ripple up to node 3");
        assertEquals(Role.FOLLOWER, middle.role());

        middle.useFailureDetector(peer -> peer == 3);
        middle.onElection(new PeerMessage.Election(1, 1, 4), 20);
        assertEquals(Role.LEADER, middle.role(), "a dead leader: elect, and with no live higher id, win");
        assertEquals(List.of(1, 3), sender.recipientsOf(PeerMessage.Coordinator.class));
    }

    @Test
    void aRankingDecidesWhoIsHigherInsteadOfTheIds() {
        // Node 1 ranks first, then 3, then 2: as a shard's rendezvous order might.
        java.util.function.IntToLongFunction rank = id -> id == 1 ? 30 : id == 3 ? 20 : 10;
        BullyElection top = node(1, 0, 0);
        top.useRanking(rank);
        top.startElection(0, "test");
        assertEquals(Role.LEADER, top.role(), "nobody outranks node 1: it wins at once");
        sender.clear();
        BullyElection middle = node(3, 0, 0);
        middle.useRanking(rank);
        middle.startElection(0, "test");
        assertEquals(List.of(1), sender.recipientsOf(PeerMessage.Election.class), "only node 1 is asked");
        assertFalse(middle.onLeaderClaim(2, 1, 0, MessageKind.COORDINATOR), "node 2 ranks below node 3: refused");
        assertTrue(middle.onLeaderClaim(1, 2, 0, MessageKind.COORDINATOR), "node 1's claim is taken");
    }

    @Test
    void followersAcceptNewerEpochsAndRefuseOlderOnes() {
        BullyElection follower = node(2, 5, 3);
        assertFalse(follower.onLeaderClaim(3, 4, 0, MessageKind.COORDINATOR));
        assertEquals(List.of(3), sender.recipientsOf(PeerMessage.Refuse.class));
        assertTrue(follower.onLeaderClaim(3, 6, 0, MessageKind.COORDINATOR));
        assertEquals(6, follower.epoch());
        assertEquals(3, follower.leaderId());
        assertEquals(List.of("epoch 6", "follow 3@6"), reactions);
    }

    @Test
    void anEpochIsPromisedToOneLeaderOnly() {
        BullyElection follower = node(1, 5, 3);
        assertFalse(follower.onLeaderClaim(2, 5, 0, MessageKind.COORDINATOR), "epoch 5 belongs to node 3");
        assertTrue(follower.onLeaderClaim(3, 5, 0, MessageKind.COORDINATOR), "the same claim again is fine");
        assertEquals(5, follower.epoch());
    }

    @Test
    void aLiveHigherIdBulliesALowerLeader() {
        BullyElection high = node(3, 1, 0);
        assertFalse(high.onLeaderClaim(2, 2, 0, MessageKind.HEARTBEAT));
        assertEquals(Role.LEADER, high.role(), "no one above 3: it takes over");
        assertEquals(3, high.epoch());
    }

    @Test
    void aFollowerElectsWhenItsLeaderDiesButNotBefore() {
        BullyElection follower = node(2, 1, 3);
        FailureDetector detector = detector(2);
        detector.heard(3, 0);
        detector.tick(5_000);
        follower.tick(5_000, detector, true);
        assertEquals(Role.FOLLOWER, follower.role());
        detector.tick(6_000);
        follower.tick(6_000, detector, true);
        assertEquals(Role.CANDIDATE, follower.role());
        assertEquals(List.of(3), sender.recipientsOf(PeerMessage.Election.class));
    }

    @Test
    void noElectionWhileJoining() {
        BullyElection joining = node(1, 0, 0);
        joining.tick(10_000, detector(1), false);
        assertEquals(Role.FOLLOWER, joining.role());
        assertEquals(List.of(), sender.recipientsOf(PeerMessage.Election.class));
    }

    @Test
    void aStaleLeaderStepsDownForAHigherOneOrReclaimsAboveALowerOne() {
        BullyElection middle = node(2, 0, 0);
        middle.startElection(0, "test");
        middle.onAnswer(new PeerMessage.Answer(3, 0), 1);
        middle.tick(3_001, detector(2), true);
        middle.startElection(3_001, "again");
        middle.tick(3_600, detector(2), true);
        assertEquals(Role.LEADER, middle.role());
        long epoch = middle.epoch();
        middle.onRefuse(new PeerMessage.Refuse(1, epoch + 2, 1, MessageKind.PREPARE), 4_000);
        assertEquals(Role.LEADER, middle.role());
        assertEquals(epoch + 3, middle.epoch(), "reclaimed above the lower leader's epoch");
        middle.onRefuse(new PeerMessage.Refuse(1, epoch + 5, 3, MessageKind.PREPARE), 4_100);
        assertEquals(Role.FOLLOWER, middle.role());
        assertTrue(reactions.contains("down"));
    }

    @Test
    void aRestartedLeaderDoesNotResumeItsOldEpoch() {
        BullyElection restarted = node(3, 4, 3);
        assertEquals(0, restarted.leaderId());
        assertEquals(Role.FOLLOWER, restarted.role());
        restarted.tick(0, detector(3), true);
        assertEquals(5, restarted.epoch(), "it leads again only in a new epoch");
    }
}
