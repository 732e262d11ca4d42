package org.distriplace.core.message;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@link PeerMessage} that carries messages of several groups at once (ADR 0017): a node of a sharded cluster
 * takes part in a cluster group and one group per shard it holds or learns, and sends each peer one bundle per turn
 * with every group's messages to it, rather than a message per group. A one-shard cluster never sends one: its
 * messages all belong to group 0 and go bare, as before shards existed. {@code PeerMessage} extends this interface
 * only to inherit the records as its own members.
 */
public sealed interface GroupMessages permits PeerMessage {

    /** Most parts one bundle may carry: well above a tick's messages to one peer from 1,000 shards. */
    int MAX_PARTS = 4_096;

    /** One group's message in a bundle. Bundles do not nest. */
    record Part(int group, PeerMessage message) {
        public Part {
            Objects.requireNonNull(message, "message");
            if (group < 0) {
                throw new IllegalArgumentException("group: not negative");
            }
            if (message instanceof Bundle) {
                throw new IllegalArgumentException("message: bundles do not nest");
            }
        }
    }

    /** Messages of several groups from one node, in the order it sent them; every part names the same sender. */
    record Bundle(int nodeId, List<Part> parts) implements PeerMessage {
        public Bundle {
            parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
            if (parts.isEmpty() || parts.size() > MAX_PARTS) {
                throw new IllegalArgumentException("parts: 1 to " + MAX_PARTS);
            }
        }

        public MessageKind kind() { return MessageKind.BUNDLE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onBundle(from, this, now); }

        public String summary() {
            return parts.stream().map(part -> "g" + part.group() + " " + part.message().kind())
                .collect(Collectors.joining(", ", parts.size() + " parts: ", ""));
        }
    }
}
