package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.message.GroupMessages;
import org.distriplace.core.message.PeerMessage;

/**
 * What a node of several groups sends during one turn of its thread (a tick, a message, a client's request, a
 * write made durable), kept so that each peer gets one message per turn rather than one per group (ADR 0017). The
 * turn ends with {@link #flush}: for each peer, the parts that depend on nothing stored go at once, the others wait
 * in the {@link DurabilityGate} for the newest write issued before any of them, as each would have alone. A peer
 * with a lone group-0 message gets it bare, as a node of one group sends everything. Owned by the node's thread.
 */
final class Outbox {

    /** Where a turn's messages go: at once, or once writes up to a number are durable. */
    interface Sink {
        void sendNow(int to, PeerMessage message);

        void sendAfter(long issued, int to, PeerMessage message);
    }

    private record Item(int group, PeerMessage message, long issued) {
    }

    private final int self;
    private final int maxWrites;
    private final Map<Integer, List<Item>> byPeer = new LinkedHashMap<>();

    /**
     * @param maxWrites most writes one bundle carries (a full batch's): a bundle is never longer than the longest
     *                  message a node of one group sends, so it fits the same frame limit
     */
    Outbox(int self, int maxWrites) {
        this.self = self;
        this.maxWrites = maxWrites;
    }

    /** Keeps {@code message} of {@code group} for {@code to} until the turn ends; {@code issued}: the store's. */
    void add(int to, int group, PeerMessage message, long issued) {
        byPeer.computeIfAbsent(to, peer -> new ArrayList<>()).add(new Item(group, message, issued));
    }

    boolean isEmpty() {
        return byPeer.isEmpty();
    }

    /** Ends the turn: at most two messages per peer, in the order peers were first written to. */
    void flush(Sink out) {
        if (byPeer.isEmpty()) {
            return;
        }
        List<Map.Entry<Integer, List<Item>>> turn = new ArrayList<>(byPeer.entrySet());
        byPeer.clear();
        for (Map.Entry<Integer, List<Item>> peer : turn) {
            List<Item> free = new ArrayList<>();
            List<Item> waiting = new ArrayList<>();
            long newest = 0;
            for (Item item : peer.getValue()) {
                if (DurabilityGate.needsNoDurableState(item.message())) {
                    free.add(item);
                } else {
                    waiting.add(item);
                    newest = Math.max(newest, item.issued());
                }
            }
            int to = peer.getKey();
            messages(free).forEach(message -> out.sendNow(to, message));
            long after = newest;
            messages(waiting).forEach(message -> out.sendAfter(after, to, message));
        }
    }

    /**
     * The items as few messages as fit: bare when it is group 0's alone, else bundles of at most {@code maxWrites}
     * writes and {@link GroupMessages#MAX_PARTS} parts; a catch-up answer (sized to fill a frame alone) goes alone.
     */
    private List<PeerMessage> messages(List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.size() == 1 && items.get(0).group() == 0) {
            return List.of(items.get(0).message());
        }
        List<PeerMessage> messages = new ArrayList<>();
        List<GroupMessages.Part> parts = new ArrayList<>();
        int writes = 0;
        for (Item item : items) {
            int weight = weight(item.message());
            if (!parts.isEmpty() && (writes + weight > maxWrites || parts.size() == GroupMessages.MAX_PARTS)) {
                messages.add(new PeerMessage.Bundle(self, parts));
                parts = new ArrayList<>();
                writes = 0;
            }
            parts.add(new GroupMessages.Part(item.group(), item.message()));
            writes += weight;
        }
        messages.add(new PeerMessage.Bundle(self, parts));
        return messages;
    }

    /** How many writes' worth of bytes a message is, about: a full bundle's for the answers that fill a frame. */
    private int weight(PeerMessage message) {
        return switch (message.kind()) {
            case PREPARE -> ((PeerMessage.Prepare) message).batch().size();
            case PIXEL_UPDATES -> ((PeerMessage.PixelUpdates) message).updates().size();
            case SYNC_RESPONSE, ACCOUNTS_RESPONSE, HISTORY_RESPONSE, PROMISE -> maxWrites;
            default -> 1;
        };
    }
}
