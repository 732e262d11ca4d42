package org.distriplace.core.node;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.distriplace.core.message.PeerMessage;

/**
 * A node's effects (messages to peers, answers to clients, pixels told to listeners) held back, in order, until
 * every write issued before them is durable, for stores that write behind the node (group commit on another
 * thread, or the simulator's slow disk). Nothing is observed before what it depends on is on disk. Pure: the
 * store says what was issued and reports what became durable. Used on the node's thread only.
 */
public final class HeldEffects {

    private record Held(long afterWrite, Runnable effect) {
    }

    private final LongSupplier issued;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long durable;

    /** @param issued the number of the last write the store has queued */
    public HeldEffects(LongSupplier issued) {
        this.issued = issued;
    }

    /**
     * Whether a message may leave before the writes issued ahead of it are durable: a heartbeat, a client's request
     * forwarded to the leader, a request for missing state and a request to join depend on nothing this node stored
     * (a heartbeat's configuration was committed by others before this node heard of it). Everything else
     * (votes, promises, commits, proposals that carry a decision, answers with committed writes) waits.
     */
    public static boolean needsNoDurableState(PeerMessage message) {
        return switch (message.kind()) {
            case HEARTBEAT, PIXEL_UPDATE, SYNC_REQUEST, JOIN_REQUEST -> true;
            default -> false;
        };
    }

    /** Runs {@code effect} now if nothing is held and every issued write is durable; otherwise after them. */
    public void run(Runnable effect) {
        long after = issued.getAsLong();
        if (held.isEmpty() && after <= durable) {
            effect.run();
        } else {
            held.add(new Held(after, effect));
        }
    }

    /** The store made writes up to {@code sequence} durable: what waited only for them happens now, in order. */
    public void durableUpTo(long sequence) {
        durable = Math.max(durable, sequence);
        while (!held.isEmpty() && held.peek().afterWrite() <= durable) {
            held.poll().effect().run();
        }
    }
}
