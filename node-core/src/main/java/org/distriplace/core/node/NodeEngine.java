package org.distriplace.core.node;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.failure.FailureDetector;

/**
 * One peer node, deterministic: the protocol's roles wired to a {@link Clock}, {@link Scheduler}, {@link Transport},
 * {@link EventStore}, {@link Random}, an {@link EventSink} and a {@link CommitFeed}. The same code runs on real
 * sockets (wrapped by {@code org.distriplace.core.runtime.Node}, which gives it one thread) and in the simulator
 * (virtual time).
 *
 * <p>The engine is a router. It starts and stops the node, runs its tick, hands each message to the role that
 * handles it ({@link MessageRoutes}) and builds reports; where an order of steps crosses roles, it writes that order
 * out (leadership changes, decisions, configuration changes). The roles: {@link Heartbeats}, {@link CatchUp},
 * {@link Voting}, {@link Leadership}, {@link WriteAdmission} and {@link ClientGateway}, sharing one
 * {@link NodeContext}. Every effect the outside can observe (messages, client answers, events, read views and
 * committed pixels) waits in one {@link DurabilityGate} until what it depends on is durable.
 *
 * <p><b>Threading:</b> not thread-safe. Every method must be called on the node's thread; the feed, the events and
 * the futures returned by {@link #place} complete on that thread too, so callers must not block in them.
 */
public final class NodeEngine {

    private static final long HOUSEKEEPING_MS = 1_000;

    private final NodeContext ctx;
    private final Scheduler scheduler;
    private final ReadPublisher readers;
    private final CatchUp catchUp;
    private final Heartbeats heartbeats;
    private final Voting voting;
    private final Leadership leadership;
    private final WriteAdmission admission;
    private final ClientGateway clients;
    private final MessageRoutes routes;
    private boolean started;
    private long nextHousekeeping;

    /**
     * @param feed where the node publishes its read view and committed pixels (called on the node's thread)
     */
    public NodeEngine(NodeConfig config, Clock clock, Scheduler scheduler, Transport transport, EventStore store,
                      Random random, EventSink events, CommitFeed feed) {
        DurabilityGate gate = new DurabilityGate(store::issued);
        CrossRoleSteps steps = new CrossRoleSteps();
        this.ctx = new NodeContext(config, clock, store, gate.events(events), gate.transport(transport), gate, steps);
        this.scheduler = scheduler;
        this.readers = new ReadPublisher(config, ctx.replica(), ctx.cooldowns(), gate, feed);
        this.catchUp = new CatchUp(ctx, random);
        this.heartbeats = new Heartbeats(ctx, catchUp, steps);
        this.voting = new Voting(ctx, catchUp, steps);
        this.leadership = new Leadership(ctx, catchUp, steps, steps);
        this.admission = new WriteAdmission(ctx, leadership, steps);
        this.clients = new ClientGateway(ctx, catchUp, leadership, admission);
        this.routes = new MessageRoutes(ctx.election(), heartbeats, catchUp, voting, leadership, admission, clients);
        ctx.state().subscribe(readers);
        ctx.state().subscribe(clients);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Restores from the store, announces itself (JOIN) and starts the timers. */
    public void start() {
        if (started) {
            throw new IllegalStateException("node " + ctx.self() + " already started");
        }
        started = true;
        long now = ctx.now();
        EventStore.StoredState stored = ctx.store().load();
        ctx.state().restore(stored, now);
        ctx.lifecycle(now, Stage.RESTORED, ctx.replica().committedWrites() + " committed writes, epoch "
            + stored.epoch());
        MembershipView members = ctx.members();
        if (stored.membership() != null) {
            members.restore(stored.membership());
            ctx.detector().usePeers(members.others());
            ctx.election().useMembers(stored.membership().members());
        }
        ctx.election().restore(stored.epoch(), stored.promisedTo());
        voting.restore(stored.installedEpoch(), stored.inDoubt());
        catchUp.start(now);
        clients.open();
        ctx.lifecycle(now, Stage.JOINING, (members.isMember() ? "" : "asking " + members.others()
            + " to admit it; ") + "epoch " + stored.epoch() + ", version " + ctx.replica().version());
        for (int peer : members.others()) {
            ctx.send(peer, new PeerMessage.Join(ctx.self(), ctx.election().epoch(), ctx.replica().version()));
        }
        scheduler.schedule(0, this::tick);
    }

    /** Stops timers and fails waiting clients; the node ignores everything afterwards. */
    public void stop() {
        if (ctx.stopped()) {
            return;
        }
        ctx.stop();
        clients.close(new PlaceException(PlaceError.NOT_READY, "node " + ctx.self() + " stopped"));
        ctx.lifecycle(ctx.now(), Stage.STOPPED, "");
    }

    /**
     * The store made its writes up to {@code sequence} durable ({@link EventStore#issued()}): the effects that waited
     * only for them happen now, in order.
     */
    public void durableUpTo(long sequence) {
        ctx.gate().durableUpTo(sequence);
    }

    // ---------------------------------------------------------------- clients

    /**
     * Places a pixel. The future completes when the write is committed on this replica and durable, or with a
     * {@link PlaceException}: OUT_OF_BOUNDS, BAD_COLOR, COOLDOWN (with the time left), NO_QUORUM, NOT_READY.
     */
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        return clients.place(user, x, y, color);
    }

    // ---------------------------------------------------------------- the tick

    private void tick() {
        if (ctx.stopped()) {
            return;
        }
        long now = ctx.now();
        for (FailureDetector.Transition change : ctx.detector().tick(now)) {
            suspicion(now, change);
        }
        heartbeats.sendIfDue(now);
        if (ctx.members().isMember()) {
            catchUp.catchUpIfJoining(now);
            ctx.election().tick(now, ctx.detector(), catchUp.graceOver(now));
        } else {
            catchUp.askToJoin(now);
        }
        leadership.tick(now);
        clients.tick(now);
        catchUp.gossip(now);
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_MS;
            ctx.cooldowns().prune(ctx.stamp(now));
            readers.prune();
            voting.dropSettledInDoubt();
        }
        scheduler.schedule(ctx.config().tickMs(), this::tick);
    }

    private void suspicion(long now, FailureDetector.Transition change) {
        ctx.events().emit(new NodeEvent.SuspicionChanged(now, ctx.self(), change.peer(), change.from(),
            change.to()));
        if (change.to() == Liveness.DEAD) {
            leadership.forgetPromiser(change.peer());
        }
    }

    // ---------------------------------------------------------------- messages

    /**
     * Handles one message from {@code from}. Messages naming another sender are dropped, and so is everything from
     * a non-member except what {@link MessageRoutes#acceptedFromOutsiders} allows. A joiner takes messages from
     * anyone: it is learning who the members are.
     */
    public void onMessage(int from, PeerMessage message) {
        if (ctx.stopped() || !started || from == ctx.self() || message.nodeId() != from) {
            return;
        }
        MembershipView members = ctx.members();
        if (members.isMember() && !members.others().contains(from) && !MessageRoutes.acceptedFromOutsiders(message)) {
            return;
        }
        long now = ctx.now();
        ctx.detector().heard(from, now).ifPresent(change -> suspicion(now, change));
        if (ctx.events().wantsMessages()) {
            ctx.events().emit(new NodeEvent.MessageReceived(now, ctx.self(), from, message.kind(),
                message.summary()));
        }
        message.dispatch(routes, from, now);
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
            ctx.send(leaderId, voting.promise(epoch));
        }

        @Override
        public void steppedDown(long now) {
            endLeadership(now);
        }

        @Override
        public void epochChanged(long from, long to, int promisedTo, long now) {
            ctx.store().saveEpoch(to, promisedTo);
        }

        private void endLeadership(long now) {
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
            MembershipView members = ctx.members();
            boolean wasMember = members.isMember();
            if (!members.adopt(committed)) {
                return;
            }
            ctx.detector().usePeersAddedAt(members.others(), now);
            ctx.election().useMembers(committed.members());
            leadership.useMembership(committed);
            ctx.learnAddresses(committed.peers());
            ctx.events().emit(new NodeEvent.MembershipChanged(now, ctx.self(), committed.version(),
                committed.members()));
            if (!wasMember && members.isMember()) {
                catchUp.admitted(now);
                ctx.lifecycle(now, Stage.ADMITTED, "a member from configuration " + committed.version());
            }
        }

        @Override
        public void refuseLocal(long requestId, PlaceException error, long now) {
            clients.refuse(requestId, error, now);
        }
    }

    // ---------------------------------------------------------------- reads, for reports and the simulator

    /** An immutable snapshot of the whole node. */
    public NodeReport report() {
        long now = ctx.now();
        FailureDetector detector = ctx.detector();
        Map<Integer, NodeReport.PeerView> peers = new TreeMap<>();
        for (int peer : ctx.members().others()) {
            long ago = detector.lastHeard(peer).map(heard -> now - heard).orElse(-1L);
            peers.put(peer, new NodeReport.PeerView(peer, detector.status(peer), ago));
        }
        BullyElection election = ctx.election();
        Replica replica = ctx.replica();
        NodeConfig config = ctx.config();
        return new NodeReport(now, ctx.self(), election.role(), election.leaderId(), election.epoch(),
            voting.installedEpoch(), catchUp.ready(), leadership.active(), peers, replica.version(),
            replica.canvas().stateHashHex(), replica.committedWrites(), leadership.proposal(now),
            leadership.queued(), voting.inDoubtCount(), clients.pending(), config.width(), config.height(),
            ctx.members().current(), ctx.members().isMember(),
            new NodeReport.Timing(config.heartbeatMs(), config.suspectAfterMs(), config.failureTimeoutMs()));
    }

    /** The replica itself, for the simulator's checks on the node's thread. */
    public Replica replica() {
        return ctx.replica();
    }

    /** True once the node has caught up with the cluster (or found no one to catch up from). */
    public boolean isReady() {
        return catchUp.ready();
    }

    public Role role() {
        return ctx.election().role();
    }

    public long epoch() {
        return ctx.election().epoch();
    }
}
