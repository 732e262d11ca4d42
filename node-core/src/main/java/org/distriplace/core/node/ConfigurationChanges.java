package org.distriplace.core.node;

import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.model.Membership;

/**
 * How a node takes on a committed configuration, and what it says of its membership: the failure detector, the
 * election and the leader learn the new members, a joiner admitted starts as a member, and a member left out steps
 * down and stays out or asks in again. Also what a node outside the configuration says as it starts. Owned by the
 * node's thread.
 */
final class ConfigurationChanges {

    private final GroupContext ctx;
    private final Leadership leadership;
    private final CatchUp catchUp;

    ConfigurationChanges(GroupContext ctx, Leadership leadership, CatchUp catchUp) {
        this.ctx = ctx;
        this.leadership = leadership;
        this.catchUp = catchUp;
    }

    /** Takes on {@code committed} if it is newer than the configuration this node holds. */
    void adopt(Membership committed, long now) {
        MembershipView members = ctx.members();
        boolean wasMember = members.isMember();
        if (!members.adopt(committed)) {
            return;
        }
        if (ctx.isCluster()) {
            ctx.detector().usePeersAddedAt(members.others(), now); // one detector per node: the cluster's members
        }
        ctx.election().useMembers(committed.members());
        leadership.useMembership(committed);
        ctx.learnAddresses(committed.peers());
        ctx.events().emit(new NodeEvent.MembershipChanged(now, ctx.self(), committed.version(),
            committed.members()));
        if (!wasMember && members.isMember()) {
            catchUp.admitted(now);
            ctx.lifecycle(now, Stage.ADMITTED, "a member from configuration " + committed.version());
        } else if (wasMember && !members.isMember()) {
            removed(committed, now);
        }
    }

    /** What the node's membership is as it starts: removed nodes say so at once, joiners whom they ask. */
    void announceAtStart(long epoch, long now) {
        MembershipView members = ctx.members();
        if (members.removed()) {
            ctx.lifecycle(now, Stage.REMOVED, "not a member of configuration " + members.current().version() + " "
                + members.current().members() + ": it left or was removed, and stays out (a node started with rejoin "
                + "asks to join again)");
        } else if (members.learning()) {
            ctx.lifecycle(now, Stage.JOINING, "learning the commits of replicas " + members.current().members()
                + " without a vote; epoch " + epoch + ", version " + ctx.replica().version());
        } else {
            ctx.lifecycle(now, Stage.JOINING, (members.isMember() ? "" : "asking " + members.others()
                + " to admit it; ") + "epoch " + epoch + ", version " + ctx.replica().version());
        }
    }

    /**
     * This node is no longer a member: it stops leading, and asks to join again or stays out; off a shard's replicas
     * (the shard moved), it learns the shard without a vote.
     */
    private void removed(Membership committed, long now) {
        ctx.election().stepDown(now, "removed from configuration " + committed.version());
        String why = "no longer a member of configuration " + committed.version() + " " + committed.members();
        if (ctx.members().learning()) {
            ctx.lifecycle(now, Stage.JOINING, why + ": the shard moved off this node, which learns it without a vote");
        } else if (ctx.members().leaving()) {
            ctx.lifecycle(now, Stage.LEFT, why + ": it left");
        } else if (ctx.members().joining()) {
            ctx.lifecycle(now, Stage.JOINING, why + "; asking to join again");
        } else {
            ctx.lifecycle(now, Stage.REMOVED, why + "; it stays out (a node started with rejoin asks in again)");
        }
    }
}
