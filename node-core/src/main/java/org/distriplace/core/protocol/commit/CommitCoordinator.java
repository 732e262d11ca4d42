package org.distriplace.core.protocol.commit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.message.PeerSender;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * The leader's side of two-phase commit for one epoch. Every batch interval it proposes the queued writes as one
 * batch (PREPARE), counts VOTEs, and COMMITs once a majority of the <em>membership</em> holds the batch, so a
 * minority partition can never commit. Without a majority by the vote timeout it presumes abort: it sends ABORT
 * and proposes the same writes again, with the same dots, in its next batch (so an aborted batch that some
 * later leader adopts anyway commits the very same writes, never different ones).
 *
 * <p>Batch sizes adapt like a congestion window: a round that times out halves the next batch (slow peers get
 * less to decode and store, so a round can finish), and full batches that commit grow it back to the maximum.
 *
 * <p>One proposal is in flight at a time and each PREPARE carries the previous decision. The epoch's first batch
 * carries the writes adopted from earlier epochs (it is proposed again, even empty, until it commits), and the
 * leader accepts client writes once it has committed.
 *
 * <p>A configuration batch (adding or removing one member) commits only with a majority of the old membership
 * <em>and</em> a majority of the new (docs/protocol.md says why one change at a time keeps them overlapping), and
 * its PREPARE names the leader's version, which each yes-voter must hold. A removed member still hears its own
 * removal, so it knows to stop voting. Learners, nodes
 * waiting to join, receive every PREPARE and decision so they keep up, but their votes count only once they are
 * members. Pure: time is passed in.
 */
public final class CommitCoordinator {

    /** The node's reactions to proposals and decisions. Called on the node's thread. */
    public interface Listener {

        /** A batch is about to be proposed: the leader holds it as prepared (its own vote). */
        void proposed(Batch batch, long now);

        /** A batch was decided: on commit, apply it; on abort, its writes are queued again. */
        void decided(Batch batch, boolean committed, long now);
    }

    /** The proposal in flight, for reports. */
    public record InFlight(Batch batch, long startedAt, Set<Integer> yes, Set<Integer> no) {
    }

    /** The smallest batch limit, and the least it grows by after a full batch commits. */
    static final int MIN_BATCH_LIMIT = 64;

    private final int self;
    /** The dots' node of what this leader orders: itself, or itself in a shard's group (ADR 0017). */
    private final int orderer;
    private final long epoch;
    private Membership membership;
    private final Set<Integer> learners = new TreeSet<>();
    private final long batchIntervalMs;
    private final long voteTimeoutMs;
    private final long resendMs;
    private final int maxBatch;
    private final PeerSender sender;
    private final EventSink events;
    private final Listener listener;

    private final Deque<AcceptedWrite> queue = new ArrayDeque<>();
    private final List<PixelWrite> retry = new ArrayList<>();
    private final AccountQueue accounts;
    private long lastCounter;
    private long nextProposalId;
    private long nextProposalAt;
    private PeerMessage.Decision previous;
    private InFlight inFlight;
    private long lastSent;
    private int resends;
    private int batchLimit;
    private boolean active;
    private Membership installConfig;
    private Membership pendingConfig;
    private VectorClock required;

    public CommitCoordinator(int self, long epoch, Membership membership, long batchIntervalMs, long voteTimeoutMs,
                             long resendMs, int maxBatch, PeerSender sender, EventSink events, Listener listener) {
        this(self, self, epoch, membership, batchIntervalMs, voteTimeoutMs, resendMs, maxBatch, sender, events,
            listener);
    }

    /**
     * @param orderer the node its writes and entries are numbered under: {@code self} in a one-group cluster, else
     *                {@link org.distriplace.core.protocol.shard.Orderers#of}
     */
    public CommitCoordinator(int self, int orderer, long epoch, Membership membership, long batchIntervalMs,
                             long voteTimeoutMs, long resendMs, int maxBatch, PeerSender sender, EventSink events,
                             Listener listener) {
        this.self = self;
        this.orderer = orderer;
        this.epoch = epoch;
        this.membership = membership;
        this.batchIntervalMs = batchIntervalMs;
        this.voteTimeoutMs = voteTimeoutMs;
        this.resendMs = resendMs;
        this.maxBatch = maxBatch;
        this.batchLimit = maxBatch;
        this.sender = sender;
        this.events = events;
        this.listener = listener;
        this.accounts = new AccountQueue(orderer);
    }

    /**
     * Proposes the install batch: the writes and account entries adopted from earlier epochs (possibly none).
     * Client writes are accepted once it commits.
     *
     * @param adoptedConfig a configuration held in doubt in the deciding epoch (proposed again), or null
     * @param version       this leader's version (voters of a configuration must hold it)
     * @param accountsHeld  this leader's own account-entry counter in its book
     */
    public void startInstall(List<PixelWrite> adopted, List<AccountEntry> adoptedAccounts, Membership adoptedConfig,
                             VectorClock version, long accountsHeld, long now) {
        lastCounter = version.get(orderer);
        for (PixelWrite write : adopted) {
            if (write.nodeId() == orderer) {
                lastCounter = Math.max(lastCounter, write.dot().counter());
            }
        }
        installConfig = adoptedConfig;
        accounts.resume(accountsHeld, adoptedAccounts);
        propose(adopted, accounts.next(epoch, nextProposalId, false), adoptedConfig, version, now);
    }

    /** The committed configuration changed (a configuration batch committed): later proposals count its votes. */
    public void useMembership(Membership next) {
        membership = membership.newer(next);
        learners.removeIf(membership::contains);
    }

    /** Nodes that receive proposals without being members yet (joiners catching up). */
    public void setLearners(Set<Integer> ids) {
        learners.clear();
        ids.stream().filter(id -> !membership.contains(id) && id != self).forEach(learners::add);
    }

    /**
     * Proposes {@code next} as the next batch once nothing is in flight. Refused (false) before this epoch's install
     * batch commits, or while another change is pending: one change at a time, each from the committed one.
     */
    public boolean changeConfig(Membership next) {
        if (!active || pendingConfig != null || next.version() != membership.version() + 1) {
            return false;
        }
        pendingConfig = next;
        return true;
    }

    /** True while a configuration change is waiting or in flight. */
    public boolean changingConfig() {
        return pendingConfig != null;
    }

    /** True once this epoch's first batch committed: client writes may be accepted. */
    public boolean active() {
        return active;
    }

    public long epoch() {
        return epoch;
    }

    public void enqueue(AcceptedWrite write) {
        queue.addLast(write);
    }

    /** Queues an admitted account change for the next batch. */
    public void enqueue(AcceptedChange change) {
        accounts.enqueue(change);
    }

    /** Every account change this leader admitted and has not seen decided: queued, to propose again, in flight. */
    public Stream<AcceptedChange> undecidedChanges() {
        Stream<AcceptedChange> flying = inFlight == null ? Stream.empty()
            : inFlight.batch().accounts().stream().map(AcceptedChange::of);
        return Stream.concat(accounts.waiting(), flying);
    }

    /** Writes accepted but not yet proposed. */
    public int queued() {
        return queue.size();
    }

    public InFlight inFlight() {
        return inFlight;
    }

    /** Account changes never proposed, removed from the queue: for failing their clients when leadership ends. */
    public List<AcceptedChange> drainUnproposedChanges() {
        return accounts.drainUnproposed();
    }

    /** Writes never proposed, removed from the queue: for failing their clients when leadership ends. */
    public List<AcceptedWrite> drainUnproposed() {
        List<AcceptedWrite> drained = new ArrayList<>(queue);
        queue.clear();
        return drained;
    }

    /**
     * Proposes a batch when due; resends PREPARE to silent peers (after the resend interval, doubling each time);
     * presumes abort at the vote timeout.
     */
    public void tick(long now, VectorClock version) {
        if (inFlight != null) {
            if (now - inFlight.startedAt() >= voteTimeoutMs) {
                abort(now, true);
            } else if (now - lastSent >= resendMs << Math.min(resends, 4)) {
                // Backing off: a peer that is slow rather than cut off would only be slowed more by copies.
                resends++;
                sendPrepare(now, true);
            }
            return;
        }
        if (active && pendingConfig != null && retry.isEmpty() && !accounts.retrying()) {
            propose(List.of(), List.of(), pendingConfig, version, now);
            return;
        }
        if (now < nextProposalAt || (active && queue.isEmpty() && retry.isEmpty() && accounts.isEmpty())) {
            return;
        }
        List<AccountEntry> entries = accounts.next(epoch, nextProposalId, active);
        propose(nextBatch(version), entries, active ? null : installConfig, version, now);
    }

    /**
     * The next batch: aborted writes first, in order (their dots must stay contiguous), then queued ones, up to
     * the batch limit. Until the epoch's first batch commits, only it is proposed again, whole and even empty
     * (it activates the leader).
     */
    private List<PixelWrite> nextBatch(VectorClock version) {
        if (!active) {
            List<PixelWrite> install = new ArrayList<>(retry);
            retry.clear();
            return install;
        }
        int take = Math.min(batchLimit, retry.size());
        List<PixelWrite> writes = new ArrayList<>(retry.subList(0, take));
        retry.subList(0, take).clear();
        while (retry.isEmpty() && !queue.isEmpty() && writes.size() < batchLimit) {
            writes.add(queue.pollFirst().toWrite(orderer, version.with(orderer, ++lastCounter), epoch,
                nextProposalId));
        }
        return writes;
    }

    /** The most writes the next batch may hold: halved when a round times out, grown again as rounds commit. */
    public int batchLimit() {
        return batchLimit;
    }

    public void onVote(PeerMessage.Vote vote, long now) {
        if (inFlight == null || vote.epoch() != epoch || vote.proposalId() != inFlight.batch().proposalId()) {
            return;
        }
        (vote.accept() ? inFlight.yes() : inFlight.no()).add(vote.nodeId());
        phase(now, Phase.VOTE_RECEIVED, vote.nodeId());
        if (majorities(inFlight.yes(), inFlight.batch())) {
            commit(now);
        } else if (!stillPossible(inFlight.no(), inFlight.batch())) {
            abort(now, false);
        }
    }

    /** The configurations whose majorities a batch needs: the membership, and the new one if it changes it. */
    private List<Membership> voterSets(Batch batch) {
        return batch.changesConfig() ? List.of(membership, batch.config()) : List.of(membership);
    }

    private boolean majorities(Set<Integer> yes, Batch batch) {
        return voterSets(batch).stream()
            .allMatch(set -> yes.stream().filter(set::contains).count() >= set.quorum());
    }

    private boolean stillPossible(Set<Integer> no, Batch batch) {
        return voterSets(batch).stream()
            .allMatch(set -> set.size() - no.stream().filter(set::contains).count() >= set.quorum());
    }

    /** Everyone a proposal goes to: members old and new (a removed one hears its removal), and learners. */
    private Set<Integer> recipients(Batch batch) {
        Set<Integer> to = new TreeSet<>(learners);
        to.addAll(membership.members());
        if (batch.changesConfig()) {
            to.addAll(batch.config().members());
        }
        to.remove(self);
        return to;
    }

    private void propose(List<PixelWrite> writes, List<AccountEntry> entries, Membership config, VectorClock version,
                         long now) {
        Batch batch = new Batch(epoch, nextProposalId++, self, writes, config, entries);
        required = config == null ? null : version;
        inFlight = new InFlight(batch, now, new TreeSet<>(Set.of(self)), new TreeSet<>());
        nextProposalAt = now + batchIntervalMs;
        resends = 0;
        listener.proposed(batch, now);
        sendPrepare(now, false);
        if (majorities(inFlight.yes(), batch)) {
            commit(now);
        }
    }

    private void sendPrepare(long now, boolean onlySilent) {
        Batch batch = inFlight.batch();
        PeerMessage.Prepare prepare = new PeerMessage.Prepare(batch.proposalId(), epoch, self, batch.writes(), previous,
            batch.config(), required, batch.accounts());
        for (int peer : recipients(batch)) {
            if (!onlySilent || silentVoter(peer, batch)) {
                sender.send(peer, prepare);
            }
        }
        lastSent = now;
        phase(now, Phase.PREPARE_SENT, 0);
    }

    /**
     * A voter of {@code batch} that has not voted yet. Learners never vote, so copies would go to them every resend
     * until the decision: a thousand of them per shard in seed 1's cluster. One that missed the PREPARE learns the
     * batch by anti-entropy when its COMMIT comes.
     */
    private boolean silentVoter(int peer, Batch batch) {
        return voterSets(batch).stream().anyMatch(set -> set.contains(peer))
            && !(inFlight.yes().contains(peer) || inFlight.no().contains(peer));
    }

    private void commit(long now) {
        InFlight decided = inFlight;
        inFlight = null;
        previous = new PeerMessage.Decision(decided.batch().proposalId(), true);
        for (int peer : recipients(decided.batch())) {
            sender.send(peer, new PeerMessage.Commit(decided.batch().proposalId(), epoch, self));
        }
        events.emit(phaseEvent(now, decided, Phase.COMMIT, 0));
        active = true;
        if (decided.batch().changesConfig()) {
            pendingConfig = null;
            installConfig = null;
            useMembership(decided.batch().config());
        }
        if (decided.batch().writes().size() >= batchLimit / 2) {
            batchLimit = Math.min(maxBatch, batchLimit + Math.max(MIN_BATCH_LIMIT, batchLimit / 8));
        }
        listener.decided(decided.batch(), true, now);
    }

    private void abort(long now, boolean timedOut) {
        InFlight decided = inFlight;
        inFlight = null;
        previous = new PeerMessage.Decision(decided.batch().proposalId(), false);
        for (int peer : recipients(decided.batch())) {
            sender.send(peer, new PeerMessage.Abort(decided.batch().proposalId(), epoch, self));
        }
        if (active) {
            // A change that failed is dropped; the engine asks again while the joiner still waits.
            pendingConfig = null;
        }
        events.emit(phaseEvent(now, decided, Phase.ABORT, 0));
        retry.addAll(0, decided.batch().writes());
        accounts.again(decided.batch().accounts());
        if (timedOut) {
            // Congestion, not a refusal: a smaller batch is cheaper for slow peers to take, so it can commit.
            batchLimit = Math.max(MIN_BATCH_LIMIT, batchLimit / 2);
        }
        nextProposalAt = now;
        listener.decided(decided.batch(), false, now);
    }

    private void phase(long now, Phase phase, int peer) {
        events.emit(phaseEvent(now, inFlight, phase, peer));
    }

    private NodeEvent phaseEvent(long now, InFlight round, Phase phase, int peer) {
        return new NodeEvent.CommitPhase(now, self, epoch, round.batch().proposalId(), phase,
            round.batch().writes().size(), List.copyOf(round.yes()), List.copyOf(round.no()), peer);
    }
}
