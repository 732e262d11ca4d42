package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.message.GroupMessages.Part;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Membership;
import org.distriplace.core.store.MemoryEventStore;
import org.junit.jupiter.api.Test;

/** A member hears a node outside its configuration only for what an outsider may say. */
class OutsidersTest {

    private record Sent(int to, PeerMessage message) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final NodeEngine node = new NodeEngine(NodeConfig.builder(1, List.of(1, 2)).build(), () -> 1_000,
        (delay, task) -> { }, (to, message) -> sent.add(new Sent(to, message)), new MemoryEventStore(),
        new Random(1), EventSink.NONE, CommitFeed.NONE);

    @Test
    void anOutsiderCannotClaimLeadershipButMayAskToJoin() {
        node.start();
        sent.clear();
        node.onMessage(9, new PeerMessage.Coordinator(9, 5));
        node.onMessage(9, new PeerMessage.Heartbeat(9, 0, "healthy", 5, 9, Membership.initial(List.of(9))));
        assertEquals(0, node.report().leaderId(), "no claim from outside the configuration is taken");
        assertEquals(0, node.epoch());
        assertTrue(sent.stream().allMatch(s -> s.to() == 9 && s.message() instanceof PeerMessage.Heartbeat beat
                && beat.leaderId() == 0 && !beat.membership().contains(9)),
            "at most told, once, of the configuration that leaves it out: " + sent);
        assertTrue(sent.size() <= 1, "told at most once: " + sent);

        sent.clear();

        node.onMessage(9, new PeerMessage.JoinRequest(9, "10.0.0.9:9090", VectorClock.EMPTY, false));
        assertEquals(List.of(MessageKind.HEARTBEAT), sent.stream().filter(s -> s.to() == 9)
            .map(s -> s.message().kind()).toList(), "a join request is answered with the configuration");
    }

    @Test
    void messagesNamingAnotherSenderAreDropped() {
        node.start();
        sent.clear();
        node.onMessage(2, new PeerMessage.JoinRequest(9, "10.0.0.9:9090", VectorClock.EMPTY, false));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aBundleIsHandledPartByPartUnlessOnePartNamesAnotherSender() {
        node.start();
        sent.clear();
        PeerMessage.Coordinator claim = new PeerMessage.Coordinator(2, 4);
        node.onMessage(2, new PeerMessage.Bundle(2, List.of(new Part(0, claim),
            new Part(0, new PeerMessage.Coordinator(9, 6)))));
        assertEquals(0, node.report().leaderId(), "a part naming node 9 spoils node 2's bundle");
        node.onMessage(2, new PeerMessage.Bundle(2, List.of(new Part(5, new PeerMessage.Coordinator(2, 6)),
            new Part(0, claim))));
        assertEquals(2, node.report().leaderId(), "the cluster group's part is taken as if it came bare");
        assertEquals(4, node.epoch(), "the part of a group this node does not have is not");
        assertEquals(1, node.droppedParts());
    }
}
