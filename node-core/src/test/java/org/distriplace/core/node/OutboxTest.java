package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.GroupMessages.Part;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.junit.jupiter.api.Test;

/** A sharded node's turn: one message per peer (two when some parts must wait for the disk), never too long. */
class OutboxTest {

    private record Sent(int to, PeerMessage message, long after) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Outbox.Sink sink = new Outbox.Sink() {
        @Override
        public void sendNow(int to, PeerMessage message) {
            sent.add(new Sent(to, message, -1));
        }

        @Override
        public void sendAfter(long issued, int to, PeerMessage message) {
            sent.add(new Sent(to, message, issued));
        }
    };

    @Test
    void aTurnSendsEachPeerOneBundleOfEveryGroupsMessagesInOrder() {
        Outbox outbox = new Outbox(1, 100);
        outbox.add(2, 3, vote(7), 5);
        outbox.add(3, 3, vote(7), 5);
        outbox.add(2, 4, vote(8), 9);
        outbox.add(2, 0, new PeerMessage.Commit(6, 1, 1), 6);
        outbox.flush(sink);
        assertEquals(2, sent.size(), sent.toString());
        PeerMessage.Bundle toTwo = assertInstanceOf(PeerMessage.Bundle.class, sent.get(0).message());
        assertEquals(2, sent.get(0).to());
        assertEquals(List.of(3, 4, 0), toTwo.parts().stream().map(Part::group).toList());
        assertEquals(1, toTwo.nodeId());
        assertEquals(9, sent.get(0).after(), "waits for the newest write issued before any of its parts");
        assertEquals(3, sent.get(1).to());
        assertEquals(5, sent.get(1).after());
        assertTrue(outbox.isEmpty(), "a turn's messages go once");
        outbox.flush(sink);
        assertEquals(2, sent.size());
    }

    @Test
    void partsThatDependOnNothingStoredLeaveAtOnceInABundleOfTheirOwn() {
        Outbox outbox = new Outbox(1, 100);
        outbox.add(2, 3, vote(7), 5);
        outbox.add(2, 4, heartbeat(), 5);
        outbox.add(2, 5, forwarded(), 5);
        outbox.flush(sink);
        assertEquals(2, sent.size());
        assertEquals(-1, sent.get(0).after());
        assertEquals(List.of(4, 5), ((PeerMessage.Bundle) sent.get(0).message()).parts().stream()
            .map(Part::group).toList());
        assertEquals(5, sent.get(1).after());
    }

    @Test
    void aLoneMessageOfTheClusterGroupGoesBareAndOneOfAShardInABundle() {
        Outbox outbox = new Outbox(1, 100);
        outbox.add(2, 0, vote(7), 1);
        outbox.add(3, 6, vote(7), 1);
        outbox.flush(sink);
        assertInstanceOf(PeerMessage.Vote.class, sent.get(0).message());
        assertEquals(6, ((PeerMessage.Bundle) sent.get(1).message()).parts().get(0).group());
    }

    @Test
    void aBundleCarriesNoMoreThanABatchsWorthOfWritesAndCatchUpAnswersGoAlone() {
        Outbox outbox = new Outbox(1, 2);
        outbox.add(2, 1, forwarded(), 1);
        outbox.add(2, 2, forwarded(), 1);
        outbox.add(2, 3, forwarded(), 1);
        outbox.add(2, 4, new PeerMessage.HistoryResponse(1, 3, 1, 2, List.of()), 1);
        outbox.add(2, 5, vote(1), 1);
        outbox.flush(sink);
        List<List<Integer>> bundles = sent.stream().map(s -> ((PeerMessage.Bundle) s.message()).parts().stream()
            .map(Part::group).toList()).toList();
        assertEquals(List.of(List.of(1, 2), List.of(3), List.of(4), List.of(5)), bundles);
    }

    private static PeerMessage.Vote vote(long proposal) {
        return new PeerMessage.Vote(proposal, 1, 1, true);
    }

    private static PeerMessage.Heartbeat heartbeat() {
        return new PeerMessage.Heartbeat(1, 1, "healthy", 1, 1, Membership.initial(List.of(1, 2)));
    }

    private static PeerMessage.PixelUpdates forwarded() {
        return new PeerMessage.PixelUpdates(1, List.of(new PeerMessage.PixelUpdate(1, 1, "ada", 1, 1,
            Color.of("#000000"), 1, VectorClock.EMPTY)));
    }
}
