package org.distriplace.core.node;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.PeerMessage;

/**
 * Holds a node's effects back, in order, until every write issued before them is durable: messages to peers,
 * answers to clients, events, and what readers see (the read view and committed pixels). Nothing is observed
 * before what it depends on is on disk, whoever writes the disk: the threaded runtime's writer thread (group
 * commit) or the simulator's slow disk; a store that is durable on return issues nothing, so nothing waits. One
 * rule, inside the engine, so the simulator tests exactly what ships. Pure; used on the node's thread only.
 */
final class DurabilityGate {

    private record Held(long afterWrite, Runnable effect) {
    }

    private final LongSupplier issued;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long durable;

    /** @param issued the number of the last write the store has queued ({@link EventStore#issued()}) */
    DurabilityGate(LongSupplier issued) {
        this.issued = issued;
    }

    /**
     * Whether a message may leave before the writes issued ahead of it are durable: a heartbeat, a client's request
     * forwarded to the leader, a request for missing state and a request to join depend on nothing this node stored
     * (a heartbeat's configuration was committed by others before this node heard of it). Everything else (votes,
     * promises, commits, proposals that carry a decision, answers with committed writes) waits.
     */
    static boolean needsNoDurableState(PeerMessage message) {
        return switch (message.kind()) {
            case HEARTBEAT, PIXEL_UPDATE, PIXEL_UPDATES, SYNC_REQUEST, JOIN_REQUEST -> true;
            default -> false;
        };
    }

    /** Runs {@code effect} now if nothing is held and every issued write is durable; otherwise after them. */
    void run(Runnable effect) {
        runAfter(issued.getAsLong(), effect);
    }

    /** The number of the last write the store has queued: what an effect issued now would wait for. */
    long issued() {
        return issued.getAsLong();
    }

    /**
     * Runs {@code effect} once writes up to {@code after} are durable and everything held before it has run: for an
     * effect that was decided earlier in the turn (a message the {@link Outbox} kept until the turn's end).
     */
    void runAfter(long after, Runnable effect) {
        if (held.isEmpty() && after <= durable) {
            effect.run();
        } else {
            held.add(new Held(after, effect));
        }
    }

    /**
     * A future for a client that completes as {@code outcome} does, but through this gate: the client hears of an
     * outcome only once what it depends on is durable.
     */
    <T> CompletableFuture<T> answering(CompletableFuture<T> outcome) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        outcome.whenComplete((value, error) -> run(() -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(value);
            }
        }));
        return answer;
    }

    /** The store made writes up to {@code sequence} durable: what waited only for them happens now, in order. */
    void durableUpTo(long sequence) {
        durable = Math.max(durable, sequence);
        while (!held.isEmpty() && held.peek().afterWrite() <= durable) {
            held.poll().effect().run();
        }
    }

    /** {@code out} behind the gate: messages that depend on durable state wait for it. */
    Transport transport(Transport out) {
        return new Transport() {
            @Override
            public void send(int to, PeerMessage message) {
                if (needsNoDurableState(message)) {
                    out.send(to, message);
                } else {
                    run(() -> out.send(to, message));
                }
            }

            @Override
            public void learnAddresses(Map<Integer, String> addresses) {
                out.learnAddresses(addresses);
            }
        };
    }

    /** {@code sink} behind the gate: an event is an observation too (an epoch lost in a crash was never seen). */
    EventSink events(EventSink sink) {
        return new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                run(() -> sink.emit(event));
            }

            @Override
            public boolean wantsMessages() {
                return sink.wantsMessages();
            }
        };
    }
}
