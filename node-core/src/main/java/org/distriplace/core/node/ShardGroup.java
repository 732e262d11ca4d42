package org.distriplace.core.node;

import java.util.Random;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.shard.Shard;

/**
 * One group of replicas on this node (ADR 0017): its {@link GroupContext} and the roles that run the protocol
 * within it ({@link CatchUp}, {@link Voting}, {@link Leadership}, {@link WriteAdmission}, {@link AccountAdmission},
 * {@link HistoryCatchUp}, {@link ConfigurationChanges}), its clients' placements ({@link ClientGateway}) and its
 * greetings ({@link Heartbeats}: only the cluster group's send heartbeats), with the orders of steps that cross those
 * roles written out once. The node's own roles (accounts, removals, reads) reach a group through here. Owned by
 * the node's thread.
 */
final class ShardGroup {

    /** What the node does with a request of its own client that this group's leader refused at once. */
    interface LocalRefusals {
        void refuse(long requestId, PlaceException error, long now);
    }

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final Voting voting;
    private final Leadership leadership;
    private final WriteAdmission admission;
    private final AccountAdmission accountAdmission;
    private final HistoryCatchUp history;
    private final ConfigurationChanges configurations;
    private final ClientGateway clients;
    private final Heartbeats greetings;
    private final LocalRefusals refusals;
    private final CrossRoleSteps steps = new CrossRoleSteps();
    private MessageRoutes routes;

    /**
     * @param area    the part of the canvas the group's replica holds
     * @param cluster the cluster group; null when this is it
     */
    ShardGroup(NodeShared node, int group, Shard area, MembershipView members, Random random, ShardGroup cluster,
               LocalRefusals refusals) {
        this.ctx = new GroupContext(node, group, area, members, steps, cluster == null ? null : cluster.ctx());
        this.refusals = refusals;
        this.catchUp = new CatchUp(ctx, random);
        this.voting = new Voting(ctx, catchUp, steps);
        this.leadership = new Leadership(ctx, catchUp, steps, steps);
        this.admission = new WriteAdmission(ctx, leadership, steps);
        this.accountAdmission = new AccountAdmission(ctx, leadership, steps);
        this.history = new HistoryCatchUp(ctx);
        this.configurations = new ConfigurationChanges(ctx, leadership, catchUp);
        this.clients = new ClientGateway(ctx, catchUp, leadership, admission);
        this.greetings = new Heartbeats(ctx, catchUp, steps);
    }

    /** Routes the group's messages; a leader's refusal of a request made here goes to the node's refusals. */
    void connect() {
        this.routes = new MessageRoutes(ctx.election(), greetings, catchUp, voting, leadership, admission,
            accountAdmission, refusals, history);
    }

    WriteAdmission admission() {
        return admission;
    }

    MessageRoutes routes() {
        return routes;
    }

    ClientGateway clients() {
        return clients;
    }

    /** The group's greetings; the cluster group's also send the node's heartbeats. */
    Heartbeats greetings() {
        return greetings;
    }

    GroupContext ctx() {
        return ctx;
    }

    CatchUp catchUp() {
        return catchUp;
    }

    Voting voting() {
        return voting;
    }

    Leadership leadership() {
        return leadership;
    }


    AccountAdmission accountAdmission() {
        return accountAdmission;
    }

    HistoryCatchUp history() {
        return history;
    }

    /** The steps that cross this group's roles, for the node's roles that take part in them (heartbeats). */
    NodeSteps steps() {
        return steps;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Restores the group from what the node stored and announces it to the group's other members (JOIN). */
    void start(EventStore.StoredState stored, long now) {
        ctx.start(stored, now);
        EventStore.GroupState mine = stored.group(ctx.group());
        voting.restore(mine.installedEpoch(), mine.inDoubt());
        history.restore(stored.historyDots());
        catchUp.start(now);
        configurations.announceAtStart(mine.epoch(), now);
        for (int peer : ctx.members().others()) {
            ctx.send(peer, new PeerMessage.Join(ctx.self(), ctx.election().epoch(), ctx.replica().version()));
        }
    }

    // ---------------------------------------------------------------- the tick, in the node's order

    /**
     * The group's part of the tick before the node's clients: catching up, the election (learners take no part),
     * then leadership.
     */
    void tickLeadership(long now) {
        MembershipView members = ctx.members();
        if (members.isMember()) {
            catchUp.catchUpIfJoining(now);
            ctx.election().tick(now, ctx.detector(), catchUp.graceOver(now));
        } else if (members.learning()) {
            catchUp.catchUpIfJoining(now);
            if (ctx.shouldJoinShard() && catchUp.ready() && history.complete()) {
                catchUp.askToJoin(now); // it holds the shard and its history: the shard's leader may add it
            }
        } else if (members.joining()) {
            catchUp.askToJoin(now);
        }
        leadership.tick(now);
    }

    /** The group's part of the tick after the node's clients: history, then gossip. */
    void tickCatchUp(long now) {
        if (!ctx.members().removed()) {
            history.tick(now);
        }
        catchUp.gossip(now);
    }

    /** A peer was found dead: a leader recovering stops waiting for its promise. */
    void peerDied(int peer) {
        leadership.forgetPromiser(peer);
    }

    // ---------------------------------------------------------------- steps across roles

    /** The orders of steps that cross roles: leadership changes, proposals and decisions, configurations. */
    private final class CrossRoleSteps implements NodeSteps, BullyElection.Listener, CommitCoordinator.Listener {

        @Override
        public void becameLeader(long epoch, long now) {
            endLeadership(now);
            leadership.begin(epoch, voting.promise(epoch), now);
        }

        @Override
        public void following(int leaderId, long epoch, long now) {
            // A learner's word counts for nothing in a recovery, unless it voted for its own addition.
            if (!ctx.members().learning() || voting.holdsOwnAddition()) {
                ctx.send(leaderId, voting.promise(epoch));
            }
        }

        @Override
        public void steppedDown(long now) {
            endLeadership(now);
        }

        @Override
        public void epochChanged(long from, long to, int promisedTo, long now) {
            ctx.store().saveEpoch(ctx.group(), to, promisedTo);
        }

        private void endLeadership(long now) {
            accountAdmission.refuseUnproposed(leadership.drainUnproposedChanges(), now);
            leadership.end().ifPresent(unproposed -> admission.refuseUnproposed(unproposed, now));
        }

        @Override
        public void proposed(Batch batch, long now) {
            voting.holdOwn(batch);
        }

        @Override
        public void decided(Batch batch, boolean committed, long now) {
            voting.decide(batch.id(), committed, now);
            leadership.announceIfActive(batch.epoch(), now);
            admission.releaseHeld(now);
        }

        @Override
        public void adoptConfiguration(Membership committed, long now) {
            configurations.adopt(committed, now);
        }

        @Override
        public void refuseLocal(long requestId, PlaceException error, long now) {
            refusals.refuse(requestId, error, now);
        }
    }
}
