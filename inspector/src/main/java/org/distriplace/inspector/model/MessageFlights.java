package org.distriplace.inspector.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;

/**
 * Pairs every message received with the matching send (same link, kind and summary, first in first out), keeps
 * the most recent messages for the space-time diagram, and gives up on sends no receipt matched in time.
 */
public final class MessageFlights {

    private record Link(int from, int to, MessageKind kind, String summary) {
    }

    private final int capacity;
    private final long lostAfterMs;
    /** Recent messages by sequence number, oldest first; entries are replaced as they are received or lost. */
    private final LinkedHashMap<Long, Flight> recent = new LinkedHashMap<>();
    private final Map<Link, ArrayDeque<Long>> awaiting = new HashMap<>();
    private long seq;
    private long typicalMs = 5;

    MessageFlights(int capacity, long lostAfterMs) {
        this.capacity = capacity;
        this.lostAfterMs = lostAfterMs;
    }

    void sent(NodeEvent.MessageSent e) {
        Flight flight = new Flight(++seq, e.node(), e.to(), e.kind(), e.summary(), e.at(), -1, false);
        remember(flight);
        awaiting.computeIfAbsent(new Link(e.node(), e.to(), e.kind(), e.summary()), k -> new ArrayDeque<>())
            .add(flight.seq());
    }

    void received(NodeEvent.MessageReceived e) {
        Link link = new Link(e.from(), e.node(), e.kind(), e.summary());
        ArrayDeque<Long> queue = awaiting.get(link);
        Long match = queue == null ? null : queue.poll();
        if (queue != null && queue.isEmpty()) {
            awaiting.remove(link);
        }
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
        Iterator<Map.Entry<Link, ArrayDeque<Long>>> links = awaiting.entrySet().iterator();
        while (links.hasNext()) {
            ArrayDeque<Long> queue = links.next().getValue();
            while (!queue.isEmpty()) {
                Flight flight = recent.get(queue.peek());
                if (flight != null && now - flight.sentAt() <= lostAfterMs) {
                    break;
                }
                queue.poll();
                if (flight != null) {
                    recent.put(flight.seq(), flight.markedLost());
                }
            }
            if (queue.isEmpty()) {
                links.remove();
            }
        }
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
