package org.distriplace.core.node;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.MembershipChangeException.Code;

/**
 * Removals asked through this node: its own leave, or an operator's request to remove a member that will not come
 * back. Each is sent to the leader (or asked of this node's leadership) every resend interval until a configuration
 * without the member commits here, which answers it, or its deadline passes, which fails it. Answers leave through
 * the durability gate. Owned by the node's thread.
 */
final class RemovalRequests {

    /** Why a sharded cluster refuses to let a member go, for now. */
    static final String FIXED = "a sharded cluster takes new members and moves shards to them, but keeps the ones it"
        + " has until a departing node's shards can move off it first (ADR 0017, stage 5)";

    private static final class Pending {
        final long deadline;
        final CompletableFuture<Membership> outcome = new CompletableFuture<>();
        long nextAsk;

        Pending(long deadline) {
            this.deadline = deadline;
        }
    }

    private final GroupContext ctx;
    private final Leadership leadership;
    private final Map<Integer, Pending> pending = new TreeMap<>();

    RemovalRequests(GroupContext ctx, Leadership leadership) {
        this.ctx = ctx;
        this.leadership = leadership;
    }

    /**
     * This node leaves: the future completes with the first committed configuration without it, or fails with
     * LAST_MEMBER at once (a cluster is never emptied) or NO_QUORUM at the deadline.
     */
    CompletableFuture<Membership> leave(long timeoutMs, long now) {
        MembershipView members = ctx.members();
        if (!ctx.running()) {
            return refused(Code.NOT_READY, "node " + ctx.self() + " is not running");
        }
        if (ctx.config().sharded()) {
            return refused(Code.FIXED_MEMBERS, FIXED);
        }
        if (!members.isMember()) {
            return answered(CompletableFuture.completedFuture(members.current()));
        }
        if (members.current().size() == 1) {
            return refused(Code.LAST_MEMBER, "node " + ctx.self() + " is the cluster's last member: there is no one to "
                + "leave the canvas to");
        }
        // It is on its way out: asking back in would undo the leave before the process ends.
        members.stayOutOnceRemoved();
        ctx.lifecycle(now, Stage.LEAVING, "asking to be removed from configuration " + members.current().version());
        return ask(ctx.self(), timeoutMs, now);
    }

    /**
     * An operator removes {@code target}, a member that will not come back: refused for an unknown id, the last
     * member, or this node itself; otherwise as {@link #leave}.
     */
    CompletableFuture<Membership> remove(int target, long timeoutMs, long now) {
        MembershipView members = ctx.members();
        Membership current = members.current();
        if (!ctx.running() || !members.isMember()) {
            return refused(Code.NOT_READY, "node " + ctx.self() + " is not running as a member: ask a member");
        }
        if (ctx.config().sharded()) {
            return refused(Code.FIXED_MEMBERS, FIXED);
        }
        if (target == ctx.self()) {
            return refused(Code.SELF, "node " + target + " does not remove itself: stop it (it leaves on its way "
                + "out), or ask another member to remove it");
        }
        if (!current.contains(target)) {
            return refused(Code.UNKNOWN_MEMBER, "node " + target + " is not a member of configuration "
                + current.version() + " " + current.members());
        }
        if (current.size() == 1) {
            return refused(Code.LAST_MEMBER, "node " + target + " is the last member");
        }
        return ask(target, timeoutMs, now);
    }

    private CompletableFuture<Membership> ask(int target, long timeoutMs, long now) {
        Pending request = pending.computeIfAbsent(target, id -> new Pending(now + timeoutMs));
        tick(now);
        return answered(request.outcome);
    }

    /** Asks the leader again where due; answers what a committed configuration settled; fails what is overdue. */
    void tick(long now) {
        Membership current = ctx.members().current();
        int leader = leadership.leaderToAsk();
        for (Iterator<Map.Entry<Integer, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Pending> entry = it.next();
            int target = entry.getKey();
            Pending request = entry.getValue();
            if (!current.contains(target)) {
                it.remove();
                request.outcome.complete(current);
            } else if (now >= request.deadline) {
                it.remove();
                request.outcome.completeExceptionally(new MembershipChangeException(Code.NO_QUORUM, "node " + target
                    + " was not removed in time: no leader with a majority of " + current.members()
                    + " was reachable"));
            } else if (now >= request.nextAsk && leader != 0) {
                request.nextAsk = now + ctx.config().resendMs();
                if (leader == ctx.self()) {
                    leadership.requestRemoval(target);
                } else {
                    ctx.send(leader, new PeerMessage.RemoveRequest(ctx.self(), target));
                }
            }
        }
    }

    /** The node stops: what is still waiting fails. */
    void failAll(String why) {
        pending.values().forEach(request -> request.outcome.completeExceptionally(
            new MembershipChangeException(Code.NOT_READY, why)));
        pending.clear();
    }

    private CompletableFuture<Membership> refused(Code code, String message) {
        return answered(CompletableFuture.failedFuture(new MembershipChangeException(code, message)));
    }

    /** The answer a caller sees: {@code outcome} once it completes and what it depends on is durable. */
    private CompletableFuture<Membership> answered(CompletableFuture<Membership> outcome) {
        CompletableFuture<Membership> answer = new CompletableFuture<>();
        outcome.whenComplete((config, error) -> ctx.gate().run(() -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(config);
            }
        }));
        return answer;
    }
}
