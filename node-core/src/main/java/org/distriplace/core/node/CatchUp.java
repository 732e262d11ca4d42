package org.distriplace.core.node;

import java.util.List;
import java.util.Random;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.event.NodeEvent.SyncStep.Kind;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.sync.AntiEntropy;
import org.distriplace.core.protocol.sync.FullStateAssembly;

/**
 * Catching up and staying caught up: gossip anti-entropy with a random live peer, sync requests and the answers to
 * them (a delta or full state, in parts), a starting node's grace period and readiness, and a joiner's requests to
 * be admitted. Owned by the node's thread.
 */
final class CatchUp {

    /** Account entries per ACCOUNTS_RESPONSE: a registration is about 200 bytes, so this is well under a frame. */
    private static final int ACCOUNTS_PER_MESSAGE = 2_000;

    private final GroupContext ctx;
    private final AntiEntropy antiEntropy;
    private final FullStateAssembly fullStates = new FullStateAssembly();
    private boolean ready;
    private long joinDeadline;
    private long nextJoinRequest;
    private long nextLeaderQuery;
    private int contactCursor;

    CatchUp(GroupContext ctx, Random random) {
        this.ctx = ctx;
        NodeConfig config = ctx.config();
        this.antiEntropy = new AntiEntropy(ctx.self(), config.gossipMs(), config.resendMs(), config.maxDeltaWrites(),
            config.maxWritesPerMessage(), config.maxTilesPerMessage(), random, ctx.now());
    }

    /** True once this node has caught up with the cluster (or found no one to catch up from). */
    boolean ready() {
        return ready;
    }

    /** The node starts: it listens for the cluster for the join grace before it may elect or catch up alone. */
    void start(long now) {
        joinDeadline = now + (ctx.members().others().isEmpty() ? 0 : ctx.config().joinGraceMs());
    }

    /** True once the join grace is over. */
    boolean graceOver(long now) {
        return now >= joinDeadline;
    }

    /** A joiner was admitted: as a member it may elect at once. */
    void admitted(long now) {
        joinDeadline = now;
    }

    /** After the grace, a member that is not ready syncs from a reachable peer, or starts from its own state. */
    void catchUpIfJoining(long now) {
        if (ready || now < joinDeadline) {
            return;
        }
        List<Integer> reachable = ctx.detector().reachablePeers();
        if (reachable.isEmpty()) {
            becomeReady(now, "no peer reachable: starting from local state");
        } else {
            requestSync(reachable.get(0), now, false);
        }
    }

    /**
     * A learner with work for this group (a placement, a grant to ask) and no live leader asks the group's replicas
     * who leads, at most once per half heartbeat: a JOIN, which the leader answers with WELCOME and COORDINATOR. A
     * learner learns a leader from its PREPAREs otherwise, and a quiet shard sends none, so a learner that restarted
     * or was cut off while the shard elected would wait for it forever. Members elect instead.
     */
    void findLeader(long now) {
        if (!ctx.members().learning() || now < nextLeaderQuery) {
            return;
        }
        NodeConfig config = ctx.config();
        nextLeaderQuery = now + Math.max(config.resendMs(), config.heartbeatMs() / 2);
        for (int peer : ctx.members().others()) {
            ctx.send(peer, new PeerMessage.Join(ctx.self(), ctx.election().epoch(), ctx.replica().version()));
        }
    }

    /**
     * A joiner first catches up from its contacts (full state), then asks every member it knows to admit it, until
     * a configuration that names it commits.
     */
    void askToJoin(long now) {
        if (now < nextJoinRequest) {
            return;
        }
        NodeConfig config = ctx.config();
        nextJoinRequest = now + Math.max(config.resendMs(), config.heartbeatMs() / 2);
        List<Integer> others = ctx.members().others();
        for (int peer : others) {
            ctx.send(peer, new PeerMessage.JoinRequest(ctx.self(), config.address(), ctx.replica().version(), ready));
        }
        if (!ready) {
            requestSync(others.get(contactCursor++ % others.size()), now, false);
        }
    }

    /** Gossips with a random live peer when a round is due. */
    void gossip(long now) {
        if (antiEntropy.gossipDue(now)) { // listing the live peers costs a node of a thousand peers each tick
            antiEntropy.gossipPeer(now, ctx.detector().reachablePeers()).ifPresent(peer -> requestSync(peer, now,
                true));
        }
    }

    /**
     * Asks {@code peer} for what this replica lacks (unless asked very recently, for all but gossip): writes, and
     * account entries.
     */
    void requestSync(int peer, long now, boolean gossip) {
        if (gossip || antiEntropy.mayRequest(peer, now)) {
            ctx.send(peer, new PeerMessage.AccountsRequest(ctx.self(), ctx.state().accounts().version()));
            ctx.send(peer, antiEntropy.request(ctx.replica()));
            ctx.events().emit(new NodeEvent.SyncStep(now, ctx.self(), peer, Kind.REQUEST_SENT, 0, 0));
        }
    }

    void onSyncRequest(int from, PeerMessage.SyncRequest request, long now) {
        long stamp = ctx.stamp(now);
        List<PeerMessage.SyncResponse> parts = antiEntropy.respond(request, ctx.replica(),
            () -> ctx.cooldowns().recent(stamp), () -> ctx.state().recentRequestsAt(stamp));
        parts.forEach(part -> ctx.send(from, part));
        PeerMessage.SyncResponse first = parts.get(0);
        Kind kind = first.carriesFullState() ? Kind.FULL_STATE_SENT
            : first.missingUpdates().isEmpty() ? Kind.IN_SYNC : Kind.DELTA_SENT;
        ctx.events().emit(new NodeEvent.SyncStep(now, ctx.self(), from, kind,
            parts.stream().mapToInt(p -> p.missingUpdates().size()).sum(),
            parts.stream().mapToInt(p -> p.tiles().size()).sum()));
        if (AntiEntropy.requesterIsAhead(request, ctx.replica())) {
            requestSync(from, now, false);
        }
    }

    /**
     * Sends the account entries {@code from} lacks, if any; before any SYNC_RESPONSE to the same request, so a node
     * catching up holds the accounts by the time it is ready.
     */
    void onAccountsRequest(int from, PeerMessage.AccountsRequest request) {
        AccountBook.Missing missing = ctx.state().accounts().missingBeyond(request.version(), ACCOUNTS_PER_MESSAGE);
        if (!missing.isEmpty()) {
            ctx.send(from, new PeerMessage.AccountsResponse(ctx.self(), ctx.state().accounts().version(),
                missing.entries(), missing.pruned()));
        }
        if (!request.version().isCoveredBy(ctx.state().accounts().version())) {
            ctx.send(from, new PeerMessage.AccountsRequest(ctx.self(), ctx.state().accounts().version()));
        }
    }

    /** Takes the entries sent; asks again while the sender still holds entries this replica lacks. */
    void onAccountsResponse(int from, PeerMessage.AccountsResponse response, long now) {
        boolean gap = ctx.state().commitAccounts(response.entries(), response.pruned(), now);
        if (gap || !response.version().isCoveredBy(ctx.state().accounts().version())) {
            ctx.send(from, new PeerMessage.AccountsRequest(ctx.self(), ctx.state().accounts().version()));
        }
    }

    /** Applies one part of an answer; returns whether it was the last part (the whole answer has arrived). */
    boolean onSyncResponse(int from, PeerMessage.SyncResponse response, long now) {
        CommittedState state = ctx.state();
        if (response.carriesFullState()) {
            boolean complete = fullStates.accept(from, response);
            int changed = state.mergeFullState(response, complete, now);
            ctx.events().emit(new NodeEvent.SyncStep(now, ctx.self(), from, Kind.FULL_STATE_APPLIED, changed,
                response.tiles().size()));
        } else if (!response.missingUpdates().isEmpty()) {
            CommittedState.Outcome outcome = state.commit(response.missingUpdates(), now);
            if (outcome.gap()) {
                requestSync(from, now, false);
            }
            ctx.events().emit(new NodeEvent.SyncStep(now, ctx.self(), from, Kind.DELTA_APPLIED,
                outcome.applied().size(), 0));
            state.announce(outcome.applied());
        }
        return response.isLastPart();
    }

    /** A whole answer from {@code from} arrived: this node is caught up, if it was not. */
    void caughtUpWith(int from, long now) {
        if (!ready) {
            becomeReady(now, "caught up from node " + from + " at version " + ctx.replica().version());
        }
    }

    private void becomeReady(long now, String why) {
        if (!ready) {
            ready = true;
            ctx.lifecycle(now, Stage.READY, why);
        }
    }
}
