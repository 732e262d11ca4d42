package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.commit.AcceptedChange;
import org.distriplace.core.protocol.commit.AcceptedWrite;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.commit.LeaderRecovery;
import org.distriplace.core.protocol.shard.ShardMoves;

/**
 * Leading an epoch: a new leader first recovers the older epochs (promises from a majority, pulling what promisers
 * hold that it lacks, adopting what may have committed), then proposes batches through the commit coordinator. It
 * also changes the configuration, one change at a time: it removes members asked to go (leaving, removed by an
 * operator, or long dead when automatic removal is on), and keeps the nodes asking to join as learners and proposes
 * them as members. The writes themselves are admitted by {@link WriteAdmission}. Owned by the node's thread.
 */
final class Leadership {

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final NodeSteps steps;
    private final CommitCoordinator.Listener decisions;
    /** Nodes asking to join, by id: kept across terms, until a committed configuration names them. */
    private final Map<Integer, PeerMessage.JoinRequest> joiners = new TreeMap<>();
    /** Members asked to be removed, while this node leads; requesters ask again of a later leader. */
    private final Set<Integer> removals = new TreeSet<>();
    /** The cluster configuration a shard's learners were last set from. */
    private long learnersOf = -1;
    /** When each member was first seen dead during this term (automatic removal). */
    private final Map<Integer, Long> deadSince = new TreeMap<>();
    /** No configuration change is proposed before this: write batches get their turn between attempts. */
    private long nextChangeAt;
    private LeaderTerm term;

    /** @param decisions what the node does when this leader proposes and decides batches */
    Leadership(GroupContext ctx, CatchUp catchUp, NodeSteps steps, CommitCoordinator.Listener decisions) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.steps = steps;
        this.decisions = decisions;
    }

    /** True while this node leads an epoch (recovering or active). */
    boolean leading() {
        return term != null;
    }

    /** True while this node leads and its term's first batch has committed: it accepts writes. */
    boolean active() {
        return term != null && term.active();
    }

    /** The leader requests should go to now: this node if it leads and is active, a live leader, or 0 for none. */
    int leaderToAsk() {
        if (term != null) {
            return term.active() ? ctx.self() : 0;
        }
        int leaderId = ctx.election().leaderId();
        return leaderId != 0 && !ctx.detector().isDead(leaderId) ? leaderId : 0;
    }

    /** This node won {@code epoch}: it starts recovering the older epochs, counting its own promise. */
    void begin(long epoch, PeerMessage.Promise ownPromise, long now) {
        LeaderRecovery recovery = new LeaderRecovery(epoch, ctx.members().current());
        recovery.onPromise(ownPromise);
        term = new LeaderTerm(epoch, recovery, now + ctx.config().resendMs());
        ctx.lifecycle(now, Stage.RECOVERING_AS_LEADER, "epoch " + epoch);
        finishRecovery(now);
    }

    /**
     * Ends the term, if this node leads: charges for writes not committed are lifted (the next leader rebuilds
     * cooldowns from committed writes). Returns the writes accepted and never proposed, whose clients must hear.
     */
    Optional<List<AcceptedWrite>> end() {
        if (term == null) {
            return Optional.empty();
        }
        List<AcceptedWrite> unproposed = term.drainUnproposed();
        ctx.cooldowns().releaseAllCharges();
        removals.clear();
        deadSince.clear();
        learnersOf = -1;
        term = null;
        return Optional.of(unproposed);
    }

    void tick(long now) {
        if (term == null) {
            return;
        }
        if (term.recovering()) {
            if (term.coordinatorResendDue(now, ctx.config().resendMs())) {
                // The newest configuration heard of may name nodes this one does not count as members yet.
                for (int peer : term.recovery().newestConfig().members()) {
                    if (peer != ctx.self() && !term.recovery().promised().contains(peer)) {
                        ctx.send(peer, new PeerMessage.Coordinator(ctx.self(), term.epoch()));
                    }
                }
            }
            finishRecovery(now);
        } else {
            noteTheDead(now);
            if (ctx.moves() && learnersOf != ctx.cluster().members().current().version()) {
                // The cluster's members changed: a shard's learners are every other member.
                learnersOf = ctx.cluster().members().current().version();
                term.coordinator().setLearners(learners());
            }
            proposeNextChange(now);
            term.coordinator().tick(now, ctx.replica().version());
        }
    }

    void onPromise(PeerMessage.Promise promise, long now) {
        ctx.election().observe(promise.epoch());
        if (term != null && term.recovering() && promise.epoch() == term.epoch()) {
            term.recovery().onPromise(promise);
            finishRecovery(now);
        }
    }

    /** Something recovery may be waiting for arrived (a sync answer): try to finish it. */
    void continueRecovery(long now) {
        if (term != null && term.recovering()) {
            finishRecovery(now);
        }
    }

    /** A promiser failed: its promise no longer counts (the writes it held must come from another majority). */
    void forgetPromiser(int peer) {
        if (term != null && term.recovering()) {
            term.recovery().forget(peer);
        }
    }

    /** With a majority promised and their committed writes pulled, proposes the install batch. */
    private void finishRecovery(long now) {
        LeaderRecovery recovery = term.recovery();
        if (!recovery.hasQuorum()) {
            return;
        }
        List<Integer> ahead = recovery.promisersAhead(ctx.replica().version(), ctx.state().accounts().version());
        if (!ahead.isEmpty()) {
            ahead.forEach(peer -> catchUp.requestSync(peer, now, false));
            return;
        }
        // A configuration a promiser holds as committed is committed: the new leader builds on it, never beside it.
        steps.adoptConfiguration(recovery.newestCommitted(), now);
        if (term == null) {
            return; // that configuration no longer names this node: it stepped down
        }
        List<PixelWrite> adopted = recovery.adoptedWrites();
        Membership membership = ctx.members().current();
        Membership adoptedConfig = recovery.adoptedConfig(membership);
        NodeConfig config = ctx.config();
        CommitCoordinator coordinator = new CommitCoordinator(ctx.self(), ctx.orderer(), term.epoch(), membership,
            config.batchMs(), config.voteTimeoutMs(), config.resendMs(), config.maxBatch(), ctx::send, ctx.events(),
            decisions);
        term.install(coordinator);
        coordinator.setLearners(learners());
        ctx.lifecycle(now, Stage.INSTALLING, "epoch " + term.epoch() + ": adopting " + adopted.size()
            + " writes from epoch " + recovery.decidingEpoch()
            + (adoptedConfig == null ? "" : " and configuration " + adoptedConfig.members()));
        coordinator.startInstall(adopted, recovery.adoptedAccounts(), adoptedConfig, ctx.replica().version(),
            ctx.state().accounts().version().get(ctx.orderer()), now);
    }

    void onVote(PeerMessage.Vote vote, long now) {
        if (term != null && term.coordinator() != null) {
            term.coordinator().onVote(vote, now);
        }
    }

    /** After a decision: the first time the term is active, it says so. */
    void announceIfActive(long epoch, long now) {
        if (term != null && term.firstTimeActive()) {
            ctx.lifecycle(now, Stage.LEADER_ACTIVE, "epoch " + epoch + ": accepting writes");
        }
    }

    // ---------------------------------------------------------------- for WriteAdmission

    /** Holds a write forwarded while recovering; false when too many are held already. */
    boolean hold(PeerMessage.PixelUpdate update) {
        return term.hold(update);
    }

    /** The writes held while recovering, once active; none before. */
    List<PeerMessage.PixelUpdate> releaseHeld() {
        return term == null ? List.of() : term.releaseHeld();
    }

    /** Records a request; false if this term already accepted it. */
    boolean firstSighting(int origin, long requestId) {
        return term.firstSighting(origin, requestId);
    }

    /** Queues an admitted write for the next batch. */
    void enqueue(AcceptedWrite write) {
        term.coordinator().enqueue(write);
    }

    /** Queues an admitted account change for the next batch. */
    void enqueue(AcceptedChange change) {
        term.coordinator().enqueue(change);
    }

    /** The account changes this term admitted that are not decided yet (none while recovering). */
    Stream<AcceptedChange> undecidedChanges() {
        return term == null || term.coordinator() == null ? Stream.empty() : term.coordinator().undecidedChanges();
    }

    /** Account changes admitted and never proposed, taken out (the term ends: their clients must hear). */
    List<AcceptedChange> drainUnproposedChanges() {
        return term == null || term.coordinator() == null ? List.of() : term.coordinator().drainUnproposedChanges();
    }

    /** Who hears proposals without a vote: joiners catching up, and a shard's learners (every other member). */
    private Set<Integer> learners() {
        Set<Integer> learners = ctx.learners();
        if (learners.isEmpty()) {
            return joiners.keySet();
        }
        Set<Integer> all = new TreeSet<>(learners);
        all.addAll(joiners.keySet());
        return all;
    }

    // ---------------------------------------------------------------- joiners

    /**
     * The active leader keeps a node asking to join as a learner (it receives every proposal from now on) and
     * proposes it as a member once no other change is under way.
     */
    void onJoinRequest(int from, PeerMessage.JoinRequest request, long now) {
        if (ctx.members().current().contains(from) || !active()
            || ctx.moves() && !ctx.cluster().members().current().contains(from)) {
            return; // a shard takes on only the cluster's members, each once the cluster admitted it
        }
        PeerMessage.JoinRequest known = joiners.get(from);
        if (known != null && !known.address().equals(request.address())) {
            // Two nodes chose the same id: the first to ask keeps it; the other is never admitted under it.
            return;
        }
        if (joiners.put(from, request) == null) {
            String at = request.address().isEmpty() ? "" : " at " + request.address();
            ctx.lifecycle(now, Stage.LEARNER_ADDED, "node " + from + at
                + " asks to join; it receives proposals as a learner");
            term.coordinator().setLearners(learners());
        }
    }

    /** A member is to be removed (a REMOVE_REQUEST, or asked here): proposed once no other change is under way. */
    void requestRemoval(int target) {
        Membership current = ctx.members().current();
        if (active() && current.contains(target) && current.size() > 1) {
            removals.add(target);
        }
    }

    /**
     * One change at a time, each from the committed configuration, and only one that can commit (a majority of the
     * old and of the new configuration alive; a change that cannot would hold up every batch behind it): the
     * cluster's membership, or a shard's move.
     */
    private void proposeNextChange(long now) {
        CommitCoordinator coordinator = term.coordinator();
        if (!term.active() || coordinator.changingConfig() || now < nextChangeAt) {
            return;
        }
        Membership current = ctx.members().current();
        Optional<Membership> next = ctx.moves() ? shardMove(current) : clusterChange(current, now);
        next.ifPresent(config -> {
            coordinator.changeConfig(config);
            nextChangeAt = now + ctx.config().voteTimeoutMs();
        });
    }

    /**
     * Removals first, asked for or automatic, lowest id first; then the lowest-numbered caught-up joiner. A
     * configuration of one member is never emptied.
     */
    private Optional<Membership> clusterChange(Membership current, long now) {
        removals.removeIf(id -> !current.contains(id));
        Set<Integer> leaving = new TreeSet<>(removals);
        leaving.addAll(longDead(now));
        Optional<Membership> next = leaving.stream().filter(id -> current.size() > 1)
            .map(current::without).filter(config -> canCommit(current, config, 0)).findFirst();
        if (next.isEmpty()) {
            next = joiners.values().stream().filter(PeerMessage.JoinRequest::caughtUp).findFirst()
                .map(joiner -> current.with(joiner.nodeId(), joiner.address()))
                .filter(config -> canCommit(current, config, joinerIn(current, config)));
        }
        return next;
    }

    /** A shard's next move (ADR 0017, stage 5): add a caught-up target replica, then drop one off target. */
    private Optional<Membership> shardMove(Membership current) {
        return ShardMoves.next(current, ctx.targetReplicas(), ctx.cluster().members().current().members(),
                id -> joiners.containsKey(id) && joiners.get(id).caughtUp(), ctx::anotherShardMoving,
                id -> joiners.get(id).address())
            .filter(config -> canCommit(current, config, joinerIn(current, config)));
    }

    private static int joinerIn(Membership current, Membership next) {
        return next.members().stream().filter(id -> !current.contains(id)).findFirst().orElse(0);
    }

    /** Members of the committed configuration alive to this node (itself included, if a member). */
    long aliveMembers() {
        return alive(ctx.members().current(), 0);
    }

    /** True when a majority of the committed configuration is alive to this node. */
    boolean majorityAlive() {
        return aliveMembers() >= ctx.members().current().quorum();
    }

    /** True when a majority of {@code current} and of {@code next} is alive ({@code joiner}, asking now, counts). */
    private boolean canCommit(Membership current, Membership next, int joiner) {
        return alive(current, joiner) >= current.quorum() && alive(next, joiner) >= next.quorum();
    }

    private long alive(Membership config, int joiner) {
        return config.members().stream()
            .filter(id -> id == ctx.self() || id == joiner || !ctx.detector().isDead(id)).count();
    }

    /** Notes when each member was first seen dead during this term, and forgets those alive again. */
    private void noteTheDead(long now) {
        if (ctx.config().autoRemoveAfterMs() == 0 || ctx.config().sharded()) { // members stay (ADR 0017)
            return;
        }
        for (int peer : ctx.members().others()) {
            if (ctx.detector().isDead(peer)) {
                deadSince.putIfAbsent(peer, now);
            } else {
                deadSince.remove(peer);
            }
        }
    }

    /**
     * Automatic removal (when configured): members dead for the configured time, but only while a majority of the
     * configuration is alive, so nothing automatic ever acts for a minority.
     */
    private Set<Integer> longDead(long now) {
        long after = ctx.config().autoRemoveAfterMs();
        Set<Integer> dead = new TreeSet<>();
        if (after == 0 || !majorityAlive()) {
            return dead;
        }
        deadSince.forEach((peer, since) -> {
            if (now - since >= after) {
                dead.add(peer);
            }
        });
        return dead;
    }

    /** A newer configuration committed: joiners it names are members now, and proposals count its votes. */
    void useMembership(Membership committed) {
        joiners.keySet().removeIf(committed::contains);
        deadSince.keySet().retainAll(committed.members());
        if (term != null && term.coordinator() != null) {
            term.coordinator().useMembership(committed);
            term.coordinator().setLearners(learners());
        }
    }

    // ---------------------------------------------------------------- for reports

    /** The proposal in flight, or null. */
    NodeReport.Proposal proposal(long now) {
        CommitCoordinator coordinator = term == null ? null : term.coordinator();
        CommitCoordinator.InFlight flight = coordinator == null ? null : coordinator.inFlight();
        if (flight == null) {
            return null;
        }
        return new NodeReport.Proposal(flight.batch().epoch(), flight.batch().proposalId(),
            flight.batch().writes().size(), flight.yes().size(), flight.no().size(), now - flight.startedAt());
    }

    /** Writes accepted and not yet proposed. */
    int queued() {
        return term == null || term.coordinator() == null ? 0 : term.coordinator().queued();
    }
}
