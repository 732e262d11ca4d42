package org.distriplace.inspector.model;

import org.distriplace.core.message.MessageKind;

/**
 * One peer message as the inspector saw it: its send, and its receipt once that is seen.
 *
 * @param receivedAt cluster time of receipt, or -1 while in flight (or never, when {@code lost})
 * @param lost       no receipt came within the inspector's patience: dropped, cut by a partition, or the
 *                   receiver was down
 */
public record Flight(long seq, int from, int to, MessageKind kind, String summary, long sentAt, long receivedAt,
                     boolean lost) {

    public Topic topic() {
        return Topic.of(kind);
    }

    public boolean delivered() {
        return receivedAt >= 0;
    }

    /** How far along its arrow the message is at {@code now}, 0 to 1 ({@code typicalMs} guesses the unknown). */
    public double progress(long now, long typicalMs) {
        if (delivered()) {
            long span = receivedAt - sentAt;
            return span <= 0 ? 1 : Math.min(1, Math.max(0, (double) (now - sentAt) / span));
        }
        // Unknown arrival: move towards the receiver, slowing down, never quite reaching it.
        double x = (double) Math.max(0, now - sentAt) / Math.max(1, typicalMs);
        return 0.9 * (1 - Math.exp(-x));
    }

    Flight received(long at) {
        return new Flight(seq, from, to, kind, summary, sentAt, at, false);
    }

    Flight markedLost() {
        return new Flight(seq, from, to, kind, summary, sentAt, -1, true);
    }
}
