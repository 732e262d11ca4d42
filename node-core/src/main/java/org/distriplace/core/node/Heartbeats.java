package org.distriplace.core.node;

import java.util.Map;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;

/**
 * How a node shows it is alive and learns who leads: heartbeats to every member (carrying its epoch, the leader it
 * follows and its committed configuration, so stale views heal), the JOIN/WELCOME greeting of a starting node, and
 * the heartbeat every member answers a join request with. Owned by the node's thread.
 */
final class Heartbeats {

    private final NodeContext ctx;
    private final CatchUp catchUp;
    private final NodeSteps steps;

    Heartbeats(NodeContext ctx, CatchUp catchUp, NodeSteps steps) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.steps = steps;
    }

    /** Sends every other member a heartbeat when one is due. */
    void sendIfDue(long now) {
        if (ctx.detector().heartbeatDue(now)) {
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
        if (heartbeat.leaderId() == from) {
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
        ctx.learnAddresses(Map.of(from, request.address()));
        ctx.send(from, heartbeat(now));
    }
}
