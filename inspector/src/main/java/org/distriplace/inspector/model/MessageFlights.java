package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.distriplace.core.event.NodeEvent;

/**
 * Pairs every message received with the matching send ({@link MessagePairing}), keeps
 * the most recent messages for the space-time diagram, and gives up on sends no receipt matched in time.
 */
public final class MessageFlights {

    private final int capacity;
    private final long lostAfterMs;
    /** Recent messages by sequence number, oldest first; entries are replaced as they are received or lost. */
    private final LinkedHashMap<Long, Flight> recent = new LinkedHashMap<>();
    private final MessagePairing<Long> awaiting = new MessagePairing<>();
    private long seq;
    private long typicalMs = 5;

    MessageFlights(int capacity, long lostAfterMs) {
        this.capacity = capacity;
        this.lostAfterMs = lostAfterMs;
    }

    void sent(NodeEvent.MessageSent e) {
        Flight flight = new Flight(++seq, e.node(), e.to(), e.kind(), e.summary(), e.at(), -1, false);
        remember(flight);
        awaiting.sent(e, flight.seq());
    }

    void received(NodeEvent.MessageReceived e) {
        Long match = awaiting.received(e);
        Flight sent = match == null ? null : recent.get(match);
        if (sent == null) {
            // Its send was never seen (a duplicate, or sent before the inspector listened): an instant arrow.
            remember(new Flight(++seq, e.from(), e.node(), e.kind(), e.summary(), e.at(), e.at(), false));
            return;
        }
        recent.put(sent.seq(), sent.received(e.at()));
        typicalMs = (typicalMs * 7 + Math.max(1, e.at() - sent.sentAt())) / 8;
    }

    private void remember(Flight flight) {
        recent.put(flight.seq(), flight);
        if (recent.size() > capacity) {
            Iterator<Long> oldest = recent.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Marks sends older than the patience as lost. */
    void expire(long now) {
        awaiting.dropWhile(seq -> {
            Flight flight = recent.get(seq);
            return flight == null || now - flight.sentAt() > lostAfterMs;
        }, seq -> {
            Flight flight = recent.get(seq);
            if (flight != null) {
                recent.put(seq, flight.markedLost());
            }
        });
    }

    /** Messages to draw as arrows at {@code now}: in flight, or received within the last {@code lingerMs}. */
    public List<Flight> inFlight(long now, long lingerMs) {
        List<Flight> out = new ArrayList<>();
        for (Flight flight : recent.values()) {
            if (flight.sentAt() <= now && !flight.lost()
                && (!flight.delivered() || now - flight.receivedAt() <= lingerMs)) {
                out.add(flight);
            }
        }
        return out;
    }

    /** Every remembered message, oldest first. */
    public List<Flight> recent() {
        return List.copyOf(recent.values());
    }

    /** A running average of send-to-receipt times (cluster ms). */
    public long typicalMs() {
        return typicalMs;
    }
}
