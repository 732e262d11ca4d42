package org.distriplace.core.node;

import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;

/**
 * How a node shows it is alive and learns who leads: heartbeats to every member (carrying its epoch, the leader it
 * follows and its committed configuration, so stale views heal), the JOIN/WELCOME greeting of a starting node, and
 * the heartbeat a member answers a node outside its configuration with (a join request, or a removed node that does
 * not know it yet). Owned by the node's thread.
 */
final class Heartbeats {

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final NodeSteps steps;
    /** When each node with a stale view was last told this node's, so a chatty one is told once per interval. */
    private final Map<Integer, Long> told = new TreeMap<>();

    Heartbeats(GroupContext ctx, CatchUp catchUp, NodeSteps steps) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.steps = steps;
    }

    /** Sends every other member a heartbeat when one is due; a node outside the configuration sends none. */
    void sendIfDue(long now) {
        if (ctx.members().isMember() && ctx.detector().heartbeatDue(now)) {
            for (int peer : ctx.members().others()) {
                ctx.send(peer, heartbeat(now));
            }
        }
    }

    /** This node's heartbeat: its epoch, the leader it follows (itself when leading), its configuration. */
    private PeerMessage.Heartbeat heartbeat(long now) {
        return new PeerMessage.Heartbeat(ctx.self(), ctx.stamp(now), "healthy", ctx.election().epoch(),
            ctx.claimedLeader(), ctx.members().current());
    }

    void onHeartbeat(int from, PeerMessage.Heartbeat heartbeat, long now) {
        ctx.events().emit(new NodeEvent.HeartbeatReceived(now, ctx.self(), from, heartbeat.epoch(),
            heartbeat.leaderId()));
        ctx.state().observe(heartbeat.timestamp(), now);
        ctx.election().observe(heartbeat.epoch());
        steps.adoptConfiguration(heartbeat.membership(), now);
        if (heartbeat.membership().version() < ctx.members().current().version()) {
            tellStale(from, now); // stale views heal both ways: it learns the newer configuration back
        }
        // Anyone's heartbeat may carry a newer configuration; only a member's may claim the lead.
        if (heartbeat.leaderId() == from && ctx.members().current().contains(from)) {
            ctx.election().onLeaderClaim(from, heartbeat.epoch(), now, MessageKind.HEARTBEAT);
        }
    }

    /** A (re)starting peer announced itself: tell it the epoch and leader, and claim its promise when leading. */
    void onJoin(int from, PeerMessage.Join join) {
        ctx.election().observe(join.epoch());
        ctx.send(from, new PeerMessage.Welcome(ctx.self(), ctx.election().epoch(), ctx.claimedLeader()));
        if (ctx.election().isLeader()) {
            ctx.send(from, new PeerMessage.Coordinator(ctx.self(), ctx.election().epoch()));
        }
    }

    void onWelcome(int from, PeerMessage.Welcome welcome, long now) {
        ctx.election().observe(welcome.epoch());
        if (welcome.leaderId() == from) {
            ctx.election().onLeaderClaim(from, welcome.epoch(), now, MessageKind.WELCOME);
        } else if (welcome.leaderId() != 0 && welcome.epoch() > ctx.election().epoch()) {
            catchUp.findLeader(now); // a learner pointed to a newer leader asks the replicas; only a claim counts
        }
        if (!catchUp.ready()) {
            catchUp.requestSync(from, now, false);
        }
    }

    /**
     * A node outside the configuration asks to join. Every member answers with a heartbeat, which tells the joiner
     * the committed configuration and the leader (its contacts may be out of date), and learns where to reach it.
     */
    void answerJoinRequest(int from, PeerMessage.JoinRequest request, long now) {
        if (!ctx.members().current().contains(from)) {
            // A member's address is the configuration's: another node asking under its id must not take its mail.
            ctx.learnAddresses(Map.of(from, request.address()));
        }
        ctx.send(from, heartbeat(now));
    }

    /**
     * A peer syncing a shard that has moved gets the shard's configuration too, at most once per heartbeat interval: a
     * learner that missed the commit of a move (learners are told once, and shards send no heartbeats) learns it from
     * its next gossip. A shard that never moved, and the cluster group, send nothing more (ADR 0017).
     */
    void shareMovedConfiguration(int from, long now) {
        if (!ctx.isCluster() && ctx.members().current().version() > 0) {
            tellStale(from, now);
        }
    }

    /**
     * A node with a stale view said something this node will not take (a removed member that does not know it yet,
     * talking to a member or to another removed node): it is told this node's configuration, at most once per
     * heartbeat interval.
     */
    void tellStale(int from, long now) {
        Long last = told.get(from);
        if (last == null || now - last >= ctx.config().heartbeatMs()) {
            told.put(from, now);
            ctx.send(from, heartbeat(now));
        }
    }
}
