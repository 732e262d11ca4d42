package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.junit.jupiter.api.Test;

class DurabilityGateTest {

    private long issued;
    private final DurabilityGate gate = new DurabilityGate(() -> issued);
    private final List<String> happened = new ArrayList<>();

    @Test
    void withNothingIssuedEffectsHappenAtOnce() {
        gate.run(() -> happened.add("a"));
        assertEquals(List.of("a"), happened);
    }

    @Test
    void effectsWaitForTheWritesIssuedBeforeThemAndKeepTheirOrder() {
        issued = 1;
        gate.run(() -> happened.add("after write 1"));
        issued = 2;
        gate.run(() -> happened.add("after write 2"));
        assertTrue(happened.isEmpty(), "nothing before the disk has it");
        gate.durableUpTo(1);
        assertEquals(List.of("after write 1"), happened);
        gate.run(() -> happened.add("later, after write 2 too"));
        assertEquals(1, happened.size(), "an effect never overtakes one held before it");
        gate.durableUpTo(2);
        assertEquals(List.of("after write 1", "after write 2", "later, after write 2 too"), happened);
    }

    @Test
    void messagesThatDependOnNothingStoredLeaveAtOnceAndTheRestWait() {
        issued = 1;
        List<PeerMessage> sent = new ArrayList<>();
        Transport transport = gate.transport((to, message) -> sent.add(message));
        PeerMessage.SyncRequest ask = new PeerMessage.SyncRequest(1, "0".repeat(16), VectorClock.EMPTY, new long[0]);
        PeerMessage.Vote vote = new PeerMessage.Vote(3, 1, 1, true);
        transport.send(2, vote);
        transport.send(2, ask);
        assertEquals(List.of(ask), sent, "a sync request depends on nothing stored; a vote on the batch it holds");
        gate.durableUpTo(1);
        assertEquals(List.of(ask, vote), sent);
    }

    @Test
    void eventsAreObservationsAndWaitToo() {
        issued = 1;
        List<NodeEvent> seen = new ArrayList<>();
        EventSink events = gate.events(EventSink.withoutMessages(seen::add));
        events.emit(new NodeEvent.Lifecycle(0, 1, Stage.READY, ""));
        assertTrue(seen.isEmpty());
        assertFalse(events.wantsMessages(), "the sink's wish passes through");
        gate.durableUpTo(1);
        assertEquals(1, seen.size());
    }
}
