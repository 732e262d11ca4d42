package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;

/**
 * Where clients' account changes (registrations, bans) enter the node: each is routed to the current leader
 * (forwarded, or admitted here when this node leads), routed again when a leader of a newer epoch appears, and
 * answered when its entry commits on this replica, when the leader refuses it, or with NO_QUORUM at its deadline.
 * Answers leave through the durability gate. Owned by the node's thread.
 */
final class AccountGateway implements CommittedState.Subscriber {

    /** One change waiting for its commit; {@code forwardedTo} is 0 until it is handed to a leader. */
    private static final class Pending {
        final long requestId;
        final AccountChange change;
        final long deadline;
        final CompletableFuture<AccountEntry> future;
        int forwardedTo;
        long forwardedEpoch;

        Pending(long requestId, AccountChange change, long deadline, CompletableFuture<AccountEntry> future) {
            this.requestId = requestId;
            this.change = change;
            this.deadline = deadline;
            this.future = future;
        }
    }

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final Leadership leadership;
    private final AccountAdmission admission;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();

    AccountGateway(GroupContext ctx, CatchUp catchUp, Leadership leadership, AccountAdmission admission) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.leadership = leadership;
        this.admission = admission;
    }

    /**
     * Asks the cluster for {@code change}. The future completes with the committed entry (durable here), or with a
     * {@link PlaceException}: NAME_TAKEN, NO_QUORUM, NOT_READY.
     */
    CompletableFuture<AccountEntry> change(AccountChange change) {
        CompletableFuture<AccountEntry> outcome = new CompletableFuture<>();
        CompletableFuture<AccountEntry> answer = ctx.gate().answering(outcome);
        if (!ctx.running() || !ctx.members().isMember() || !catchUp.ready()) {
            outcome.completeExceptionally(new PlaceException(PlaceError.NOT_READY, "node " + ctx.self()
                + " is not a caught-up member of the cluster yet"));
            return answer;
        }
        long now = ctx.now();
        Pending request = new Pending(ctx.stamp(now), change, now + ctx.config().placeTimeoutMs(), outcome);
        pending.put(request.requestId, request);
        route(request, now);
        return answer;
    }

    private void route(Pending request, long now) {
        int target = leadership.leaderToAsk();
        if (target == 0) {
            return;
        }
        request.forwardedTo = target;
        request.forwardedEpoch = ctx.election().epoch();
        if (target == ctx.self()) {
            admission.accept(ctx.self(), request.requestId, request.change, now);
        } else {
            ctx.send(target, new PeerMessage.AccountUpdate(ctx.self(), request.requestId, request.change,
                request.requestId));
        }
    }

    /** Routes again what a newer leader should take, and fails what is past its deadline. */
    void tick(long now) {
        int leader = leadership.leaderToAsk();
        long epoch = ctx.election().epoch();
        List<Pending> expired = new ArrayList<>();
        List<Pending> reroute = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            if (now >= request.deadline) {
                it.remove();
                expired.add(request);
            } else if (leader != 0 && (request.forwardedTo != leader || request.forwardedEpoch != epoch)) {
                reroute.add(request);
            }
        }
        // Routed after the walk: a leader here may refuse at once, which removes the request.
        reroute.forEach(request -> route(request, now));
        expired.forEach(request -> request.future.completeExceptionally(new PlaceException(PlaceError.NO_QUORUM,
            "not confirmed within " + ctx.config().placeTimeoutMs() + " ms: no leader with a majority was reachable"
                + " (the change may still happen if the cluster recovers)")));
    }

    @Override
    public void accountsCommitted(List<AccountEntry> applied) {
        for (AccountEntry entry : applied) {
            if (entry.origin() == ctx.self()) {
                Pending request = pending.remove(entry.requestId());
                if (request != null) {
                    request.future.complete(entry);
                }
            }
        }
    }

    /** A change asked for here was refused; returns whether it was one of ours. */
    boolean refuse(long requestId, PlaceException error) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.future.completeExceptionally(error);
        }
        return request != null;
    }

    /** The node stops: waiting clients fail with {@code error}. */
    void close(PlaceException error) {
        pending.values().forEach(request -> request.future.completeExceptionally(error));
        pending.clear();
    }
}
