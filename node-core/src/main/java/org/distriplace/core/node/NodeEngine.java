package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.event.NodeEvent.SyncStep.Kind;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.MessageSummary;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.BatchId;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.commit.AcceptedWrite;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.commit.CommitParticipant;
import org.distriplace.core.protocol.commit.LeaderRecovery;
import org.distriplace.core.protocol.cooldown.CooldownLedger;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.failure.FailureDetector;
import org.distriplace.core.protocol.sync.AntiEntropy;
import org.distriplace.core.protocol.sync.FullStateAssembly;

/**
 * One peer node, deterministic: the protocol machines wired to a {@link Clock}, {@link Scheduler},
 * {@link Transport}, {@link EventStore} and {@link Random}. The same code runs on real sockets (wrapped by
 * {@code org.distriplace.core.runtime.Node}, which gives it one thread) and in the simulator (virtual time).
 *
 * <p><b>Threading:</b> not thread-safe. Every method must be called on the node's thread; listeners, events and
 * the futures returned by {@link #place} complete on that thread too, so callers must not block in them.
 *
 * <p>The machines: {@link FailureDetector} (heartbeats), {@link BullyElection} (leader and epoch),
 * {@link LeaderRecovery} then {@link CommitCoordinator} (while leading), {@link CommitParticipant} (votes),
 * {@link AntiEntropy} (gossip and recovery), {@link CooldownLedger}. The engine only routes between them and
 * persists state before it answers: an epoch before a PROMISE, an in-doubt batch before a VOTE, committed writes
 * before anything observes them.
 */
public final class NodeEngine {

    private static final long HOUSEKEEPING_MS = 1_000;

    private final NodeConfig config;
    private final int self;
    private Membership membership;
    private List<Integer> others;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Transport transport;
    private final EventStore store;
    private final EventSink events;
    private final CommittedState state;
    private final Replica replica;
    private final CooldownLedger cooldowns;
    private final FailureDetector detector;
    private final AntiEntropy antiEntropy;
    private final ClientRequests clients = new ClientRequests();
    private final FullStateAssembly fullStates = new FullStateAssembly();
    private final Map<Integer, PeerMessage.JoinRequest> joiners = new TreeMap<>();
    private BullyElection election;
    private CommitParticipant participant;
    private LeaderRole leader;
    private boolean started;
    private boolean stopped;
    private boolean ready;
    private long joinDeadline;
    private long nextHousekeeping;
    private long nextJoinRequest;
    private int contactCursor;

    public NodeEngine(NodeConfig config, Clock clock, Scheduler scheduler, Transport transport, EventStore store,
                      Random random, EventSink events) {
        this.config = config;
        this.self = config.nodeId();
        this.membership = Membership.initial(config.members());
        this.others = othersIn(membership);
        this.clock = clock;
        this.scheduler = scheduler;
        this.transport = transport;
        this.store = store;
        this.events = events;
        this.state = new CommittedState(config, store, clients);
        this.replica = state.replica();
        this.cooldowns = state.cooldowns();
        this.detector = new FailureDetector(others, config.heartbeatMs(), config.suspectAfterMs(),
            config.failureTimeoutMs());
        this.antiEntropy = new AntiEntropy(self, config.gossipMs(), config.resendMs(), config.maxDeltaWrites(),
            config.maxWritesPerMessage(), config.maxTilesPerMessage(), random, clock.nowMs());
    }

    // ---------------------------------------------------------------- lifecycle

    /** Restores from the store, announces itself (JOIN) and starts the timers. */
    public void start() {
        if (started) {
            throw new IllegalStateException("node " + self + " already started");
        }
        started = true;
        long now = clock.nowMs();
        EventStore.StoredState stored = store.load();
        restore(stored, now);
        if (stored.membership() != null) {
            membership = stored.membership();
            others = othersIn(membership);
            detector.usePeers(others);
        }
        election = new BullyElection(self, membership.members(), config.answerTimeoutMs(),
            config.coordinatorTimeoutMs(), stored.epoch(), stored.promisedTo(), this::send, events,
            new ElectionReactions());
        election.useFailureDetector(detector::isDead);
        participant = new CommitParticipant(stored.installedEpoch(), stored.inDoubt());
        joinDeadline = now + (others.isEmpty() ? 0 : config.joinGraceMs());
        lifecycle(now, Stage.JOINING, (isMember() ? "" : "asking " + others + " to admit it; ") + "epoch "
            + stored.epoch() + ", version " + replica.version());
        for (int peer : others) {
            send(peer, new PeerMessage.Join(self, election.epoch(), replica.version()));
        }
        scheduler.schedule(0, this::tick);
    }

    private void restore(EventStore.StoredState stored, long now) {
        state.restore(stored, now);
        lifecycle(now, Stage.RESTORED, replica.committedWrites() + " committed writes, epoch " + stored.epoch());
    }

    /** Stops timers and fails waiting clients; the node ignores everything afterwards. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        clients.failAll(new PlaceException(PlaceError.NOT_READY, "node " + self + " stopped"));
        lifecycle(clock.nowMs(), Stage.STOPPED, "");
    }

    // ---------------------------------------------------------------- client API

    /**
     * Places a pixel. The future completes when the write is committed on this replica, or with a
     * {@link PlaceException}: OUT_OF_BOUNDS, BAD_COLOR, COOLDOWN (with the time left), NO_QUORUM, NOT_READY.
     */
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CompletableFuture<PlaceResult> future = new CompletableFuture<>();
        PlaceException refused = validate(user, x, y, color);
        if (refused != null) {
            future.completeExceptionally(refused);
            return future;
        }
        long now = clock.nowMs();
        ClientRequests.Pending request = new ClientRequests.Pending(state.stamp(now), user, x, y, color,
            now + config.placeTimeoutMs(), future);
        clients.add(request);
        route(request, now);
        return future;
    }

    private PlaceException validate(String user, int x, int y, Color color) {
        if (stopped || !started) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self + " is not running");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must be named");
        }
        if (!replica.canvas().contains(x, y)) {
            return new PlaceException(PlaceError.OUT_OF_BOUNDS, "(" + x + "," + y + ") is outside the "
                + config.width() + "x" + config.height() + " canvas");
        }
        if (color == null || !config.palette().contains(color)) {
            return new PlaceException(PlaceError.BAD_COLOR, color + " is not in the palette");
        }
        if (!isMember()) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self
                + " is waiting to be admitted to the cluster");
        }
        if (!ready) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self + " is still catching up with the cluster");
        }
        return null;
    }

    /** The leader requests should go to now: this node if it leads and is active, a live leader, or 0. */
    private int currentLeader() {
        if (leader != null) {
            return leader.active() ? self : 0;
        }
        int leaderId = election.leaderId();
        return leaderId != 0 && !detector.isDead(leaderId) ? leaderId : 0;
    }

    private void route(ClientRequests.Pending request, long now) {
        int target = currentLeader();
        if (target == 0) {
            return;
        }
        request.forwardedTo = target;
        request.forwardedEpoch = election.epoch();
        if (target == self) {
            accept(self, request.requestId, request.user, request.x, request.y, request.color, now);
        } else {
            send(target, new PeerMessage.PixelUpdate(self, request.requestId, request.user, request.x, request.y,
                request.color, request.requestId, replica.version()));
        }
    }

    /** Registers a listener for every write committed on this replica. */
    public void addPixelListener(PixelListener listener) {
        state.addListener(listener);
    }

    public void removePixelListener(PixelListener listener) {
        state.removeListener(listener);
    }

    // ---------------------------------------------------------------- reads

    /** The replica, for reads on the node's thread. */
    public Replica replica() {
        return replica;
    }

    public int nodeId() {
        return self;
    }

    public NodeConfig config() {
        return config;
    }

    public boolean isReady() {
        return ready;
    }

    /** True when the committed configuration this node holds names it (a joiner is not, until admitted). */
    public boolean isMember() {
        return membership.contains(self);
    }

    /** The newest committed configuration this node holds. */
    public Membership membership() {
        return membership;
    }

    public boolean isStopped() {
        return stopped;
    }

    public Role role() {
        return election.role();
    }

    public long epoch() {
        return election.epoch();
    }

    public int leaderId() {
        return election.leaderId();
    }

    public long cooldownRemainingMs(String user) {
        return cooldowns.remainingMs(user, state.stamp(clock.nowMs()));
    }

    public NodeReport report() {
        long now = clock.nowMs();
        Map<Integer, NodeReport.PeerView> peers = new TreeMap<>();
        for (int peer : others) {
            long ago = detector.lastHeard(peer).map(heard -> now - heard).orElse(-1L);
            peers.put(peer, new NodeReport.PeerView(peer, detector.status(peer), ago));
        }
        NodeReport.Proposal proposal = null;
        int queued = 0;
        if (leader != null && leader.coordinator != null) {
            queued = leader.coordinator.queued();
            CommitCoordinator.InFlight flight = leader.coordinator.inFlight();
            if (flight != null) {
                proposal = new NodeReport.Proposal(flight.batch().epoch(), flight.batch().proposalId(),
                    flight.batch().writes().size(), flight.yes().size(), flight.no().size(), now - flight.startedAt());
            }
        }
        return new NodeReport(now, self, election.role(), election.leaderId(), election.epoch(),
            participant.installedEpoch(), ready, leader != null && leader.active(), peers, replica.version(),
            replica.canvas().stateHashHex(), replica.committedWrites(), proposal, queued,
            participant.inDoubt().size(), clients.size(), config.width(), config.height(), membership, isMember(),
            new NodeReport.Timing(config.heartbeatMs(), config.suspectAfterMs(), config.failureTimeoutMs()));
    }

    // ---------------------------------------------------------------- timers

    private void tick() {
        if (stopped) {
            return;
        }
        long now = clock.nowMs();
        for (FailureDetector.Transition change : detector.tick(now)) {
            suspicion(now, change);
        }
        if (detector.heartbeatDue(now)) {
            for (int peer : others) {
                send(peer, heartbeat(now));
            }
        }
        if (isMember()) {
            catchUpIfJoining(now);
            election.tick(now, detector, now >= joinDeadline);
        } else {
            askToJoin(now);
        }
        if (leader != null) {
            leaderTick(now);
        }
        for (ClientRequests.Pending request : clients.notRoutedTo(currentLeader(), election.epoch())) {
            route(request, now);
        }
        for (ClientRequests.Pending expired : clients.expire(now)) {
            placementFailed(now, expired.user, new PlaceException(PlaceError.NO_QUORUM, "not confirmed within "
                + config.placeTimeoutMs() + " ms: no leader with a majority was reachable (the pixel may still "
                + "appear if the cluster recovers)", 0), expired.future);
        }
        antiEntropy.gossipPeer(now, detector.reachablePeers()).ifPresent(peer -> requestSync(peer, now, true));
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_MS;
            cooldowns.prune(state.stamp(now));
            dropSettledInDoubt();
        }
        scheduler.schedule(config.tickMs(), this::tick);
    }

    private void catchUpIfJoining(long now) {
        if (ready || now < joinDeadline) {
            return;
        }
        List<Integer> reachable = detector.reachablePeers();
        if (reachable.isEmpty()) {
            becomeReady(now, "no peer reachable: starting from local state");
        } else {
            requestSync(reachable.get(0), now, false);
        }
    }

    /**
     * A joiner first catches up from its contacts (full state), then asks every member it knows to admit it, until
     * a configuration that names it commits.
     */
    private void askToJoin(long now) {
        if (now < nextJoinRequest) {
            return;
        }
        nextJoinRequest = now + Math.max(config.resendMs(), config.heartbeatMs() / 2);
        for (int peer : others) {
            send(peer, new PeerMessage.JoinRequest(self, config.address(), replica.version(), ready));
        }
        if (!ready) {
            requestSync(others.get(contactCursor++ % others.size()), now, false);
        }
    }

    private void becomeReady(long now, String why) {
        if (!ready) {
            ready = true;
            lifecycle(now, Stage.READY, why);
        }
    }

    private void suspicion(long now, FailureDetector.Transition change) {
        events.emit(new NodeEvent.SuspicionChanged(now, self, change.peer(), change.from(), change.to()));
        if (change.to() == org.distriplace.core.event.Liveness.DEAD && leader != null && leader.recovering()) {
            leader.recovery.forget(change.peer());
        }
    }

    // ---------------------------------------------------------------- messages

    /**
     * Handles one message from {@code from}. Messages naming another sender are dropped, and so is everything from
     * a non-member except what {@link #fromOutsider} allows. A joiner takes messages from anyone: it is learning who
     * the members are.
     */
    public void onMessage(int from, PeerMessage message) {
        if (stopped || !started || from == self || message.nodeId() != from) {
            return;
        }
        if (isMember() && !others.contains(from) && !fromOutsider(message)) {
            return;
        }
        long now = clock.nowMs();
        detector.heard(from, now).ifPresent(change -> suspicion(now, change));
        if (events.wantsMessages()) {
            events.emit(new NodeEvent.MessageReceived(now, self, from, message.kind(), MessageSummary.of(message)));
        }
        dispatch(from, message, now);
    }

    /**
     * What a node outside the committed configuration may say: a joiner asks to join and for state; it votes on
     * proposals (counted only where it is a member); and one named by a configuration still in doubt promises, so
     * a recovering leader can hear from a majority of that configuration.
     */
    private static boolean fromOutsider(PeerMessage message) {
        return message instanceof PeerMessage.JoinRequest || message instanceof PeerMessage.SyncRequest
            || message instanceof PeerMessage.Vote || message instanceof PeerMessage.Promise;
    }

    private void dispatch(int from, PeerMessage message, long now) {
        if (message instanceof PeerMessage.Heartbeat m) {
            onHeartbeat(from, m, now);
        } else if (message instanceof PeerMessage.PixelUpdate m) {
            onPixelUpdate(from, m, now);
        } else if (message instanceof PeerMessage.PlaceRejected m) {
            onPlaceRejected(m, now);
        } else if (message instanceof PeerMessage.Join m) {
            onJoin(from, m);
        } else if (message instanceof PeerMessage.Welcome m) {
            onWelcome(from, m, now);
        } else if (message instanceof PeerMessage.JoinRequest m) {
            onJoinRequest(from, m, now);
        } else if (message instanceof PeerMessage.Election m) {
            election.onElection(m, now);
        } else if (message instanceof PeerMessage.Answer m) {
            election.onAnswer(m, now);
        } else if (message instanceof PeerMessage.Coordinator m) {
            election.onLeaderClaim(from, m.epoch(), now, MessageKind.COORDINATOR);
        } else if (message instanceof PeerMessage.Promise m) {
            onPromise(m, now);
        } else if (message instanceof PeerMessage.Refuse m) {
            election.onRefuse(m, now);
        } else if (message instanceof PeerMessage.Prepare m) {
            onPrepare(from, m, now);
        } else if (message instanceof PeerMessage.Vote m) {
            onVote(m, now);
        } else if (message instanceof PeerMessage.Commit m) {
            onCommit(from, m, now);
        } else if (message instanceof PeerMessage.Abort m) {
            onAbort(from, m, now);
        } else if (message instanceof PeerMessage.SyncRequest m) {
            onSyncRequest(from, m, now);
        } else if (message instanceof PeerMessage.SyncResponse m) {
            onSyncResponse(from, m, now);
        }
    }

    private void onHeartbeat(int from, PeerMessage.Heartbeat heartbeat, long now) {
        events.emit(new NodeEvent.HeartbeatReceived(now, self, from, heartbeat.epoch(), heartbeat.leaderId()));
        state.observe(heartbeat.timestamp(), now);
        election.observe(heartbeat.epoch());
        adoptCommitted(heartbeat.membership(), now);
        if (heartbeat.leaderId() == from) {
            election.onLeaderClaim(from, heartbeat.epoch(), now, MessageKind.HEARTBEAT);
        }
    }

    private void onJoin(int from, PeerMessage.Join join) {
        election.observe(join.epoch());
        send(from, new PeerMessage.Welcome(self, election.epoch(), claimedLeader(), replica.version()));
        if (election.isLeader()) {
            send(from, new PeerMessage.Coordinator(self, election.epoch()));
        }
    }

    private void onWelcome(int from, PeerMessage.Welcome welcome, long now) {
        election.observe(welcome.epoch());
        if (welcome.leaderId() == from) {
            election.onLeaderClaim(from, welcome.epoch(), now, MessageKind.WELCOME);
        }
        if (!ready) {
            requestSync(from, now, false);
        }
    }

    // ---------------------------------------------------------------- membership

    /**
     * A node outside the configuration asks to join. Every member answers with a heartbeat, which tells the joiner
     * the committed configuration and the leader (its contacts may be out of date). The active leader keeps it as a
     * learner (it receives every proposal from now on) and proposes it as a member once no other change is under way.
     */
    private void onJoinRequest(int from, PeerMessage.JoinRequest request, long now) {
        transport.learnAddresses(Map.of(from, request.address()));
        send(from, heartbeat(now));
        if (membership.contains(from) || leader == null || !leader.active()) {
            return;
        }
        PeerMessage.JoinRequest known = joiners.get(from);
        if (known != null && !known.address().equals(request.address())) {
            // Two nodes chose the same id: the first to ask keeps it; the other is never admitted under it.
            return;
        }
        if (joiners.put(from, request) == null) {
            String at = request.address().isEmpty() ? "" : " at " + request.address();
            lifecycle(now, Stage.LEARNER_ADDED, "node " + from + at
                + " asks to join; it receives proposals as a learner");
            leader.coordinator.setLearners(joiners.keySet());
        }
    }

    /** One change at a time, each from the committed configuration: the lowest-numbered caught-up joiner first. */
    private void proposeNextMember() {
        if (joiners.isEmpty() || !leader.active() || leader.coordinator.changingConfig()) {
            return;
        }
        joiners.values().stream().filter(PeerMessage.JoinRequest::caughtUp).findFirst()
            .ifPresent(next -> leader.coordinator.changeConfig(membership.with(next.nodeId(), next.address())));
    }

    /** Takes on a committed configuration newer than the one held: stored first, then every machine uses it. */
    private void adoptCommitted(Membership committed, long now) {
        if (committed.version() <= membership.version()) {
            return;
        }
        boolean wasMember = isMember();
        membership = committed;
        store.saveMembership(committed);
        others = othersIn(committed);
        detector.usePeersAddedAt(others, now);
        election.useMembers(committed.members());
        joiners.keySet().removeIf(committed::contains);
        if (leader != null && leader.coordinator != null) {
            leader.coordinator.useMembership(committed);
            leader.coordinator.setLearners(joiners.keySet());
        }
        transport.learnAddresses(committed.peers());
        events.emit(new NodeEvent.MembershipChanged(now, self, committed.version(), committed.members()));
        if (!wasMember && isMember()) {
            joinDeadline = now;
            lifecycle(now, Stage.ADMITTED, "a member from configuration " + committed.version());
        }
    }

    /** This node's heartbeat: its epoch, the leader it follows (itself when leading) and its committed configuration. */
    private PeerMessage.Heartbeat heartbeat(long now) {
        return new PeerMessage.Heartbeat(self, state.stamp(now), "healthy", election.epoch(), claimedLeader(),
            membership);
    }

    /** The leader this node names to others: itself while it leads, else the one it follows (0 for none). */
    private int claimedLeader() {
        return election.isLeader() ? self : election.leaderId();
    }

    private List<Integer> othersIn(Membership config) {
        return config.members().stream().filter(id -> id != self).toList();
    }

    // ---------------------------------------------------------------- writes at the leader

    private void onPixelUpdate(int from, PeerMessage.PixelUpdate update, long now) {
        state.observe(update.timestamp(), now);
        if (Hlc.physical(state.stamp(now)) - Hlc.physical(update.timestamp()) > config.placeTimeoutMs()) {
            // Its origin has answered the client already (NO_QUORUM at the deadline). Ordering it now could commit
            // a request twice: recently committed requests are only remembered for twice the place timeout.
            return;
        }
        if (leader == null) {
            // Not the leader: the origin will time the request out (it never re-sends, so nothing doubles).
            return;
        }
        if (!leader.active()) {
            if (!leader.hold(update)) {
                reject(from, update.requestId(), new PlaceException(PlaceError.NO_QUORUM,
                    "the new leader is still recovering"), now);
            }
            return;
        }
        if (!replica.canvas().contains(update.x(), update.y()) || update.user().isBlank()) {
            reject(from, update.requestId(), new PlaceException(PlaceError.OUT_OF_BOUNDS, "outside the canvas"), now);
            return;
        }
        if (!config.palette().contains(update.color())) {
            reject(from, update.requestId(), new PlaceException(PlaceError.BAD_COLOR, "not in the palette"), now);
            return;
        }
        accept(from, update.requestId(), update.user(), update.x(), update.y(), update.color(), now);
    }

    /** The ordering point: duplicate, quorum and cooldown checks, a cooldown charge, then into the next batch. */
    private void accept(int origin, long requestId, String user, int x, int y, Color color, long now) {
        // After recovery this leader holds every write that may have committed, so a request sent again after a
        // leader change is recognised here and never ordered twice.
        if (state.committedRequest(origin, requestId) || !leader.firstSighting(origin, requestId)) {
            return;
        }
        int reachable = detector.reachablePeers().size() + 1;
        if (reachable < membership.quorum()) {
            reject(origin, requestId, new PlaceException(PlaceError.NO_QUORUM, "only " + reachable + " of "
                + membership.size() + " nodes are reachable; a write needs " + membership.quorum()), now);
            return;
        }
        long stamp = state.stamp(now);
        long remaining = cooldowns.remainingMs(user, stamp);
        if (remaining > 0) {
            reject(origin, requestId, new PlaceException(PlaceError.COOLDOWN,
                "one pixel per " + config.cooldownMs() / 1000.0 + " s: wait " + (remaining + 999) / 1000 + " s",
                remaining), now);
            return;
        }
        cooldowns.charge(user, stamp);
        leader.coordinator.enqueue(new AcceptedWrite(x, y, color, user, origin, requestId, stamp));
    }

    private void reject(int origin, long requestId, PlaceException error, long now) {
        if (origin == self) {
            ClientRequests.Pending request = clients.fail(requestId, error);
            if (request != null) {
                events.emit(new NodeEvent.PlacementFailed(now, self, request.user, error.code().name(),
                    error.getMessage()));
            }
        } else {
            send(origin, new PeerMessage.PlaceRejected(self, requestId, error.code().name(), error.remainingMs()));
        }
    }

    private void onPlaceRejected(PeerMessage.PlaceRejected rejected, long now) {
        PlaceError code;
        try {
            code = PlaceError.valueOf(rejected.code());
        } catch (IllegalArgumentException unknown) {
            code = PlaceError.NO_QUORUM;
        }
        String message = switch (code) {
            case COOLDOWN -> "wait " + (rejected.remainingMs() + 999) / 1000 + " s before placing again";
            case NO_QUORUM -> "the leader cannot reach a majority of the cluster";
            default -> "refused by the leader (" + rejected.code() + ")";
        };
        reject(self, rejected.requestId(), new PlaceException(code, message, rejected.remainingMs()), now);
    }

    private void placementFailed(long now, String user, PlaceException error,
                                 CompletableFuture<PlaceResult> future) {
        events.emit(new NodeEvent.PlacementFailed(now, self, user, error.code().name(), error.getMessage()));
        future.completeExceptionally(error);
    }

    // ---------------------------------------------------------------- leading

    private final class ElectionReactions implements BullyElection.Listener {

        @Override
        public void becameLeader(long epoch, long now) {
            endLeadership(now);
            LeaderRecovery recovery = new LeaderRecovery(epoch, membership);
            recovery.onPromise(ownPromise(epoch));
            leader = new LeaderRole(epoch, recovery);
            leader.nextCoordinatorResend = now + config.resendMs();
            lifecycle(now, Stage.RECOVERING_AS_LEADER, "epoch " + epoch);
            finishRecovery(now);
        }

        @Override
        public void following(int leaderId, long epoch, long now) {
            send(leaderId, ownPromise(epoch));
        }

        @Override
        public void steppedDown(long now) {
            endLeadership(now);
        }

        @Override
        public void epochChanged(long from, long to, int promisedTo, long now) {
            store.saveEpoch(to, promisedTo);
        }
    }

    private PeerMessage.Promise ownPromise(long epoch) {
        return new PeerMessage.Promise(self, epoch, participant.installedEpoch(), participant.inDoubt(),
            replica.version(), membership);
    }

    private void endLeadership(long now) {
        if (leader == null) {
            return;
        }
        if (leader.coordinator != null) {
            for (AcceptedWrite write : leader.coordinator.drainUnproposed()) {
                reject(write.origin(), write.requestId(), new PlaceException(PlaceError.NO_QUORUM,
                    "leadership changed before the write was proposed"), now);
            }
        }
        cooldowns.releaseAllCharges();
        leader = null;
    }

    private void leaderTick(long now) {
        if (leader.recovering()) {
            if (now >= leader.nextCoordinatorResend) {
                leader.nextCoordinatorResend = now + config.resendMs();
                // The newest configuration heard of may name nodes this one does not count as members yet.
                for (int peer : leader.recovery.newestConfig().members()) {
                    if (peer != self && !leader.recovery.promised().contains(peer)) {
                        send(peer, new PeerMessage.Coordinator(self, leader.epoch));
                    }
                }
            }
            finishRecovery(now);
        } else {
            proposeNextMember();
            leader.coordinator.tick(now, replica.version());
        }
    }

    private void onPromise(PeerMessage.Promise promise, long now) {
        election.observe(promise.epoch());
        if (leader != null && leader.recovering() && promise.epoch() == leader.epoch) {
            leader.recovery.onPromise(promise);
            finishRecovery(now);
        }
    }

    /** With a majority promised and their committed writes pulled, proposes the install batch. */
    private void finishRecovery(long now) {
        LeaderRecovery recovery = leader.recovery;
        if (!recovery.hasQuorum()) {
            return;
        }
        List<Integer> ahead = recovery.promisersAhead(replica.version());
        if (!ahead.isEmpty()) {
            ahead.forEach(peer -> requestSync(peer, now, false));
            return;
        }
        // A configuration a promiser holds as committed is committed: the new leader builds on it, never beside it.
        adoptCommitted(recovery.newestCommitted(), now);
        List<PixelWrite> adopted = recovery.adoptedWrites();
        leader.recovery = null;
        Membership adoptedConfig = recovery.adoptedConfig(membership);
        leader.coordinator = new CommitCoordinator(self, leader.epoch, membership, config.batchMs(),
            config.voteTimeoutMs(), config.resendMs(), config.maxBatch(), this::send, events, new CommitReactions());
        leader.coordinator.setLearners(joiners.keySet());
        lifecycle(now, Stage.INSTALLING, "epoch " + leader.epoch + ": adopting " + adopted.size()
            + " writes from epoch " + recovery.decidingEpoch()
            + (adoptedConfig == null ? "" : " and configuration " + adoptedConfig.members()));
        leader.coordinator.startInstall(adopted, adoptedConfig, replica.version(), now);
    }

    private final class CommitReactions implements CommitCoordinator.Listener {

        @Override
        public void proposed(Batch batch, long now) {
            participant.prepare(batch);
            saveInDoubt();
        }

        @Override
        public void decided(Batch batch, boolean committed, long now) {
            decide(batch.id(), committed, now);
            if (leader != null && leader.active() && !leader.announcedActive) {
                leader.announcedActive = true;
                lifecycle(now, Stage.LEADER_ACTIVE, "epoch " + batch.epoch() + ": accepting writes");
            }
            if (leader != null && leader.active() && !leader.heldUntilActive.isEmpty()) {
                List<PeerMessage.PixelUpdate> held = List.copyOf(leader.heldUntilActive);
                leader.heldUntilActive.clear();
                held.forEach(update -> onPixelUpdate(update.nodeId(), update, now));
            }
        }
    }

    private void onVote(PeerMessage.Vote vote, long now) {
        if (leader != null && leader.coordinator != null) {
            leader.coordinator.onVote(vote, now);
        }
    }

    // ---------------------------------------------------------------- voting

    private void onPrepare(int from, PeerMessage.Prepare prepare, long now) {
        if (!followsInEpoch(from, prepare.epoch(), now, MessageKind.PREPARE)) {
            send(from, new PeerMessage.Vote(prepare.proposalId(), prepare.epoch(), self, false));
            return;
        }
        if (prepare.previous() != null) {
            decide(new BatchId(prepare.epoch(), prepare.previous().proposalId()), prepare.previous().committed(), now);
        }
        boolean entered = participant.enterEpoch(prepare.epoch());
        prepare.batch().forEach(write -> state.observe(write.timestamp(), now));
        Batch batch = prepare.asBatch();
        // A configuration's voters must hold everything committed before it (the leader's version), so every later
        // majority includes a holder of every earlier write.
        boolean accept = replica.canExtendWith(batch.writes()) && (!batch.changesConfig()
            || prepare.required() != null && prepare.required().isCoveredBy(replica.version()));
        if (accept) {
            participant.prepare(batch);
        }
        if (accept || entered) {
            saveInDoubt();
        }
        events.emit(new NodeEvent.CommitPhase(now, self, prepare.epoch(), prepare.proposalId(),
            accept ? Phase.VOTE_YES : Phase.VOTE_NO, batch.writes().size(), List.of(), List.of(), from));
        send(from, new PeerMessage.Vote(prepare.proposalId(), prepare.epoch(), self, accept));
        if (!accept) {
            // Missing earlier writes of this leader: fetch them, then vote on the next proposal.
            requestSync(from, now, false);
        }
    }

    /** True when {@code from} is this node's leader for {@code epoch} (accepting its claim if it is new). */
    private boolean followsInEpoch(int from, long epoch, long now, MessageKind via) {
        if (epoch == election.epoch() && from == election.leaderId() && !election.isLeader()) {
            return true;
        }
        // Refuses (and tells the sender) anything from an older epoch; accepts a newer leader's claim.
        return election.onLeaderClaim(from, epoch, now, via);
    }

    private void onCommit(int from, PeerMessage.Commit commit, long now) {
        if (commit.epoch() < election.epoch()) {
            send(from, new PeerMessage.Refuse(self, election.epoch(), election.leaderId(), MessageKind.COMMIT));
            return;
        }
        if (!decide(new BatchId(commit.epoch(), commit.proposalId()), true, now)) {
            requestSync(from, now, false);
        }
    }

    private void onAbort(int from, PeerMessage.Abort abort, long now) {
        if (abort.epoch() < election.epoch()) {
            send(from, new PeerMessage.Refuse(self, election.epoch(), election.leaderId(), MessageKind.ABORT));
            return;
        }
        decide(new BatchId(abort.epoch(), abort.proposalId()), false, now);
    }

    /** Applies a decision to a held batch; returns whether the batch was held here. */
    private boolean decide(BatchId id, boolean committed, long now) {
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

    // ---------------------------------------------------------------- committing

    private void commitBatch(Batch batch, long now) {
        if (batch.changesConfig()) {
            adoptCommitted(batch.config(), now);
        }
        CommittedState.Outcome outcome = state.commit(batch.writes(), now);
        if (outcome.gap() && batch.leaderId() != self) {
            requestSync(batch.leaderId(), now, false);
        }
        events.emit(new NodeEvent.Committed(now, self, batch.epoch(), batch.proposalId(), batch.leaderId(),
            batch.writes()));
        state.announce(outcome.applied());
    }

    /** Forgets in-doubt batches whose effect this replica already holds (learned through anti-entropy). */
    private void dropSettledInDoubt() {
        if (participant.discardHeld(write -> replica.holds(write.dot()), membership.version())) {
            saveInDoubt();
        }
    }

    private void saveInDoubt() {
        store.saveInDoubt(participant.installedEpoch(), participant.inDoubt());
    }

    // ---------------------------------------------------------------- anti-entropy

    private void requestSync(int peer, long now, boolean gossip) {
        if (gossip || antiEntropy.mayRequest(peer, now)) {
            send(peer, antiEntropy.request(replica));
            events.emit(new NodeEvent.SyncStep(now, self, peer, Kind.REQUEST_SENT, 0, 0));
        }
    }

    private void onSyncRequest(int from, PeerMessage.SyncRequest request, long now) {
        long stamp = state.stamp(now);
        List<PeerMessage.SyncResponse> parts = antiEntropy.respond(request, replica, () -> cooldowns.recent(stamp),
            () -> state.recentRequestsAt(stamp));
        parts.forEach(part -> send(from, part));
        PeerMessage.SyncResponse first = parts.get(0);
        Kind kind = first.carriesFullState() ? Kind.FULL_STATE_SENT
            : first.missingUpdates().isEmpty() ? Kind.IN_SYNC : Kind.DELTA_SENT;
        events.emit(new NodeEvent.SyncStep(now, self, from, kind,
            parts.stream().mapToInt(p -> p.missingUpdates().size()).sum(),
            parts.stream().mapToInt(p -> p.tiles().size()).sum()));
        if (AntiEntropy.requesterIsAhead(request, replica)) {
            requestSync(from, now, false);
        }
    }

    private void onSyncResponse(int from, PeerMessage.SyncResponse response, long now) {
        if (response.carriesFullState()) {
            boolean complete = fullStates.accept(from, response);
            int changed = state.mergeFullState(response, complete, now);
            events.emit(new NodeEvent.SyncStep(now, self, from, Kind.FULL_STATE_APPLIED, changed,
                response.tiles().size()));
        } else if (!response.missingUpdates().isEmpty()) {
            CommittedState.Outcome outcome = state.commit(response.missingUpdates(), now);
            if (outcome.gap()) {
                requestSync(from, now, false);
            }
            events.emit(new NodeEvent.SyncStep(now, self, from, Kind.DELTA_APPLIED, outcome.applied().size(), 0));
            state.announce(outcome.applied());
        }
        if (!response.isLastPart()) {
            return;
        }
        dropSettledInDoubt();
        if (!ready) {
            becomeReady(now, "caught up from node " + from + " at version " + replica.version());
        }
        if (leader != null && leader.recovering()) {
            finishRecovery(now);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void send(int to, PeerMessage message) {
        if (stopped) {
            return;
        }
        if (events.wantsMessages()) {
            events.emit(new NodeEvent.MessageSent(clock.nowMs(), self, to, message.kind(),
                MessageSummary.of(message)));
        }
        transport.send(to, message);
    }

    private void lifecycle(long now, Stage stage, String detail) {
        events.emit(new NodeEvent.Lifecycle(now, self, stage, detail));
    }
}
