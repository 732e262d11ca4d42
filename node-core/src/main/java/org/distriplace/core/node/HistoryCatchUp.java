package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.history.DotRanges;
import org.distriplace.core.history.HistoryAnswers;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;

/**
 * Keeps the history whole. Writes a replica skipped by taking full state (it has their effect on the canvas, not
 * the writes) are fetched afterwards, in the background, from its peers: the first counters its version covers and
 * its history lacks, one request at a time, each peer in turn; an answer's writes are stored as history only. A peer
 * that lacks some is passed over for the next; when none has them, it waits a gossip interval before asking again.
 * Owned by the node's thread; reads no disk (the answers come from peers, and peers answer off their node's thread).
 */
final class HistoryCatchUp implements CommittedState.Subscriber {

    /** One request in flight. */
    private record Ask(int peer, int node, long from, long to, long sentAt) {
    }

    private final GroupContext ctx;
    private DotRanges held = new DotRanges();
    /** Set when the replica took writes the history may not hold (restored, or full state merged). */
    private boolean maybeHoles;
    private Ask pending;
    private int nextPeer;
    private int fruitless;
    private long quietUntil;

    HistoryCatchUp(GroupContext ctx) {
        this.ctx = ctx;
    }

    /** The node started: the history holds {@code stored}; what it lacks is found on the next tick. */
    void restore(DotRanges stored) {
        held = stored.copy();
        maybeHoles = true;
    }

    @Override
    public void committed(List<PixelWrite> applied) {
        applied.forEach(write -> held.add(write.dot()));
    }

    @Override
    public void reloaded() {
        maybeHoles = true;
    }

    /** True when the history holds every write the replica holds, as far as this node knows. */
    boolean complete() {
        return !maybeHoles && pending == null;
    }

    /** Asks for the next missing writes when nothing is in flight (or the last request went unanswered). */
    void tick(long now) {
        if (pending != null) {
            if (now - pending.sentAt() < ctx.config().voteTimeoutMs() * 2) {
                return;
            }
            pending = null;
            passOver(now);
        }
        if (!maybeHoles || now < quietUntil) {
            return;
        }
        long[] missing = null;
        int node = 0;
        VectorClock version = ctx.replica().version();
        for (int i = 0; i < version.size() && missing == null; i++) {
            node = version.nodeAt(i);
            missing = held.firstMissing(node, version.counterAt(i), HistoryAnswers.MAX_WRITES);
        }
        if (missing == null) {
            maybeHoles = false;
            return;
        }
        List<Integer> peers = new ArrayList<>(ctx.detector().reachablePeers());
        if (peers.isEmpty()) {
            return;
        }
        peers.sort(null);
        int peer = peers.get(Math.floorMod(nextPeer, peers.size()));
        pending = new Ask(peer, node, missing[0], missing[1], now);
        ctx.sendBare(peer, new PeerMessage.HistoryRequest(ctx.self(), node, missing[0], missing[1]));
    }

    /** A peer's answer: its writes in the range asked become history; what it lacked is asked of another. */
    void onResponse(int from, PeerMessage.HistoryResponse response, long now) {
        if (pending == null || from != pending.peer() || response.node() != pending.node()
            || response.from() != pending.from()) {
            return;
        }
        List<PixelWrite> fresh = new ArrayList<>();
        for (PixelWrite write : response.writes()) {
            Dot dot = write.dot();
            if (dot.node() == response.node() && dot.counter() >= response.from() && dot.counter() <= response.to()
                && held.add(dot)) {
                fresh.add(write);
            }
        }
        if (!fresh.isEmpty()) {
            ctx.store().appendHistory(fresh);
        }
        pending = null;
        if (coversAll(response)) {
            fruitless = 0;
        } else {
            passOver(now);
        }
        tick(now);
    }

    private boolean coversAll(PeerMessage.HistoryResponse response) {
        for (long counter = response.from(); counter <= response.to(); counter++) {
            if (!held.contains(new Dot(response.node(), counter))) {
                return false;
            }
        }
        return response.to() >= response.from();
    }

    /** The peer asked did not have it all: the next request goes to the next peer; after all, a quiet spell. */
    private void passOver(long now) {
        nextPeer++;
        if (++fruitless >= Math.max(1, ctx.detector().reachablePeers().size())) {
            fruitless = 0;
            quietUntil = now + ctx.config().gossipMs();
        }
    }
}
