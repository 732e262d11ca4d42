package org.distriplace.core.node;

import java.util.List;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.BatchId;
import org.distriplace.core.protocol.commit.CommitParticipant;

/**
 * A participant's side of two-phase commit: votes on PREPAREs, applies COMMIT and ABORT decisions (also those a
 * PREPARE carries for the proposal before), commits decided batches to the replica, and keeps the in-doubt batches
 * durable before any vote leaves. Also the promise this node gives a new leader. Owned by the node's thread.
 */
final class Voting {

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final NodeSteps steps;
    private CommitParticipant participant = new CommitParticipant(0, List.of());

    Voting(GroupContext ctx, CatchUp catchUp, NodeSteps steps) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.steps = steps;
    }

    /** Takes on what storage kept across a restart: the installed epoch and the batches still in doubt. */
    void restore(long installedEpoch, List<Batch> inDoubt) {
        participant = new CommitParticipant(installedEpoch, inDoubt);
    }

    long installedEpoch() {
        return participant.installedEpoch();
    }

    int inDoubtCount() {
        return participant.inDoubt().size();
    }

    /**
     * True when this node, a shard's learner, holds in doubt a configuration that adds it: a leader recovering the
     * shard needs its promise, as one of that configuration's members.
     */
    boolean holdsOwnAddition() {
        return participant.inDoubt().stream()
            .anyMatch(batch -> batch.changesConfig() && batch.config().contains(ctx.self()));
    }

    /**
     * A shard's learner told directly that {@code leader} leads (a COORDINATOR, sent to a learner only when a
     * configuration in doubt names it, or when it asked who leads) promises too: a recovering leader may need its
     * word as a member of that configuration. One holding its own addition promised already.
     */
    void promiseAsLearner(int leader, long epoch) {
        if (ctx.members().learning() && !holdsOwnAddition()) {
            ctx.send(leader, promise(epoch));
        }
    }

    /** This node's promise to the leader of {@code epoch}: what that leader needs to finish the older epochs. */
    PeerMessage.Promise promise(long epoch) {
        return new PeerMessage.Promise(ctx.self(), epoch, participant.installedEpoch(), participant.inDoubt(),
            ctx.replica().version(), ctx.members().current(), ctx.state().accounts().version());
    }

    /** The leader here is about to propose {@code batch}: it holds the batch as prepared (its own vote). */
    void holdOwn(Batch batch) {
        participant.prepare(batch);
        saveInDoubt();
    }

    void onPrepare(int from, PeerMessage.Prepare prepare, long now) {
        if (ctx.members().removed()) {
            return; // out of the cluster for good: a stale leader's proposal is none of its business
        }
        // A learner of a shard (ADR 0017) holds what its leader proposes, to apply what commits, but has no vote,
        // except on the configuration that adds it (a shard moving to it), which counts it as one of the new set.
        boolean addsMe = prepare.config() != null && prepare.config().contains(ctx.self());
        boolean learner = ctx.members().learning() && !addsMe;
        if (!followsInEpoch(from, prepare.epoch(), now)) {
            if (!learner) {
                ctx.send(from, new PeerMessage.Vote(prepare.proposalId(), prepare.epoch(), ctx.self(), false));
            }
            return;
        }
        if (prepare.previous() != null) {
            decide(new BatchId(prepare.epoch(), prepare.previous().proposalId()), prepare.previous().committed(), now);
        }
        boolean entered = participant.enterEpoch(prepare.epoch());
        prepare.batch().forEach(write -> ctx.state().observe(write.timestamp(), now));
        Batch batch = prepare.asBatch();
        // A configuration's voters must hold everything committed before it (the leader's version), so every later
        // majority includes a holder of every earlier write.
        boolean accept = ctx.replica().canExtendWith(batch.writes())
            && ctx.state().accounts().canExtendWith(batch.accounts()) && (!batch.changesConfig()
            || prepare.required() != null && prepare.required().isCoveredBy(ctx.replica().version()));
        if (accept) {
            participant.prepare(batch);
        }
        if (learner) {
            if (!accept) {
                catchUp.requestSync(from, now, false);
            }
            return;
        }
        if (accept || entered) {
            saveInDoubt();
        }
        ctx.events().emit(new NodeEvent.CommitPhase(now, ctx.self(), prepare.epoch(), prepare.proposalId(),
            accept ? Phase.VOTE_YES : Phase.VOTE_NO, batch.writes().size(), List.of(), List.of(), from));
        ctx.send(from, new PeerMessage.Vote(prepare.proposalId(), prepare.epoch(), ctx.self(), accept));
        if (!accept) {
            // Missing earlier writes of this leader: fetch them, then vote on the next proposal.
            catchUp.requestSync(from, now, false);
        }
    }

    /** True when {@code from} is this node's leader for {@code epoch} (accepting its claim if it is new). */
    private boolean followsInEpoch(int from, long epoch, long now) {
        if (epoch == ctx.election().epoch() && from == ctx.election().leaderId() && !ctx.election().isLeader()) {
            return true;
        }
        // Refuses (and tells the sender) anything from an older epoch; accepts a newer leader's claim.
        return ctx.election().onLeaderClaim(from, epoch, now, MessageKind.PREPARE);
    }

    void onCommit(int from, PeerMessage.Commit commit, long now) {
        if (commit.epoch() < ctx.election().epoch()) {
            refuse(from, MessageKind.COMMIT);
            return;
        }
        if (!decide(new BatchId(commit.epoch(), commit.proposalId()), true, now)) {
            catchUp.requestSync(from, now, false);
        }
    }

    void onAbort(int from, PeerMessage.Abort abort, long now) {
        if (abort.epoch() < ctx.election().epoch()) {
            refuse(from, MessageKind.ABORT);
            return;
        }
        decide(new BatchId(abort.epoch(), abort.proposalId()), false, now);
    }

    private void refuse(int to, MessageKind refused) {
        ctx.send(to, new PeerMessage.Refuse(ctx.self(), ctx.election().epoch(), ctx.election().leaderId(), refused));
    }

    /** Applies a decision to a held batch; returns whether the batch was held here. */
    boolean decide(BatchId id, boolean committed, long now) {
        if (!committed) {
            boolean held = participant.decideAbort(id);
            if (held) {
                saveInDoubt();
            }
            return held;
        }
        return participant.decideCommit(id).map(batch -> {
            commitBatch(batch, now);
            saveInDoubt();
            return true;
        }).orElse(false);
    }

    private void commitBatch(Batch batch, long now) {
        if (batch.changesConfig()) {
            steps.adoptConfiguration(batch.config(), now);
        }
        CommittedState.Outcome outcome = ctx.state().commit(batch.writes(), now);
        boolean accountGap = ctx.state().commitAccounts(batch.accounts(), now);
        if ((outcome.gap() || accountGap) && batch.leaderId() != ctx.self()) {
            catchUp.requestSync(batch.leaderId(), now, false);
        }
        ctx.events().emit(new NodeEvent.Committed(now, ctx.self(), batch.epoch(), batch.proposalId(),
            batch.leaderId(), batch.writes()));
        ctx.state().announce(outcome.applied());
    }

    /** Forgets in-doubt batches whose effect this replica already holds (learned through anti-entropy). */
    void dropSettledInDoubt() {
        if (participant.discardHeld(write -> ctx.replica().holds(write.dot()),
            entry -> ctx.state().accounts().holds(entry.dot()),
            ctx.members().current().version())) {
            saveInDoubt();
        }
    }

    private void saveInDoubt() {
        ctx.store().saveInDoubt(ctx.group(), participant.installedEpoch(), participant.inDoubt());
    }
}
