package org.distriplace.core.node;

import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
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
 * {@link Voting}, {@link Leadership}, {@link WriteAdmission}, {@link ClientGateway} and {@link ConfigurationChanges},
 * sharing one {@link GroupContext}. Every effect the outside can observe (messages, client answers, events, read
 * views and committed pixels) waits in one {@link DurabilityGate} until what it depends on is durable.
 *
 * <p><b>Threading:</b> not thread-safe. Every method must be called on the node's thread; the feed, the events and
 * the futures returned by {@link #place} complete on that thread too, so callers must not block in them.
 */
public final class NodeEngine {

    private static final long HOUSEKEEPING_MS = 1_000;

    private final NodeShared node;
    private final Groups groups;
    private final ShardGroup cluster;
    private final GroupContext ctx;
    private final Scheduler scheduler;
    /** Every replica the node holds, between them the whole canvas. */
    private final WholeCanvas canvas;
    private final ReadPublisher readers;
    private final Heartbeats heartbeats;
    private final AccountGateway accounts;
    private final CooldownGrants grants;
    private final RemovalRequests removals;
    private final NodeReports reports;
    private long nextHousekeeping;
    private long droppedParts;

    /**
     * @param feed where the node publishes its read view and committed pixels (called on the node's thread)
     */
    public NodeEngine(NodeConfig config, Clock clock, Scheduler scheduler, Transport transport, EventStore store,
                      Random random, EventSink events, CommitFeed feed) {
        MembershipView members = new MembershipView(config.nodeId(), 0, config.members(), store,
            config.asksToJoinWhenOutside());
        this.node = new NodeShared(config, clock, store, events, transport, members.others());
        this.groups = Groups.of(node, members, random, this::refuseLocal);
        this.cluster = groups.cluster();
        this.ctx = cluster.ctx();
        this.scheduler = scheduler;
        this.canvas = new WholeCanvas(config.width(), groups.writing().stream().map(group -> group.ctx().replica())
            .toList());
        this.readers = new ReadPublisher(config, canvas, groups.writing().stream()
            .map(group -> group.ctx().cooldowns()).toList(), ctx.state().accounts(), node.gate(), feed);
        this.heartbeats = cluster.greetings();
        this.accounts = new AccountGateway(ctx, cluster.catchUp(), cluster.leadership(), cluster.accountAdmission());
        this.removals = new RemovalRequests(ctx, cluster.leadership());
        this.reports = new NodeReports(ctx, cluster.catchUp(), cluster.voting(), cluster.leadership(),
            () -> groups.all().stream().mapToInt(group -> group.clients().pending()).sum(), this::shards);
        this.grants = new CooldownGrants(node, groups);
        for (ShardGroup group : groups.all()) {
            group.connect();
            // In this order: readers see a commit before clients are answered, as the one-group node always did.
            group.ctx().state().subscribe(readers);
            group.ctx().state().subscribe(group.clients());
            if (group == cluster) {
                ctx.state().subscribe(accounts);
            }
            group.ctx().state().subscribe(group.history());
        }
        if (config.sharded()) {
            for (ShardGroup shard : groups.writing()) {
                shard.admission().useGrants(grants, shard);
                shard.ctx().state().subscribe(grants);
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Restores from the store, announces itself (JOIN) and starts the timers. */
    public void start() {
        long now = node.now();
        EventStore.StoredState stored = node.start();
        groups.all().forEach(group -> group.start(stored, now));
        node.endTurn();
        scheduler.schedule(0, this::tick);
    }

    /** Stops timers and fails waiting clients; the node ignores everything afterwards. */
    public void stop() {
        if (node.stopped()) {
            return;
        }
        node.stop();
        groups.all().forEach(group -> group.clients().close(new PlaceException(PlaceError.NOT_READY, "node "
            + node.self() + " stopped")));
        accounts.close(new PlaceException(PlaceError.NOT_READY, "node " + node.self() + " stopped"));
        removals.failAll("node " + node.self() + " stopped");
        node.lifecycle(node.now(), Stage.STOPPED, "");
    }

    /**
     * The store made its writes up to {@code sequence} durable ({@link EventStore#issued()}): the effects that waited
     * only for them happen now, in order.
     */
    public void durableUpTo(long sequence) {
        node.gate().durableUpTo(sequence);
        node.endTurn();
    }

    // ---------------------------------------------------------------- clients

    /**
     * Places a pixel. The future completes when the write is committed on this replica and durable, or with a
     * {@link PlaceException}: OUT_OF_BOUNDS, BAD_COLOR, COOLDOWN (with the time left), NO_QUORUM, NOT_READY.
     */
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CompletableFuture<PlaceResult> placed = inCanvas(x, y) ? groups.forPixel(x, y).clients().place(user, x, y,
            color) : cluster.clients().place(user, x, y, color); // the cluster's gateway refuses it: OUT_OF_BOUNDS
        node.endTurn();
        return placed;
    }

    /**
     * Asks the cluster for an account change: a registration, a ban or an unban. The future completes with the
     * committed entry once it is durable here, or with a {@link PlaceException}: NAME_TAKEN, NO_QUORUM, NOT_READY.
     */
    public CompletableFuture<AccountEntry> changeAccount(AccountChange change) {
        CompletableFuture<AccountEntry> changed = accounts.change(change);
        node.endTurn();
        return changed;
    }

    /**
     * Leaves the cluster: asks for this node's removal and completes with the first committed configuration without
     * it, or fails ({@link MembershipChangeException}) at once for the last member or with NO_QUORUM after
     * {@code timeoutMs}. The caller stops the node either way.
     */
    public CompletableFuture<Membership> leave(long timeoutMs) {
        CompletableFuture<Membership> left = removals.leave(timeoutMs, ctx.now());
        node.endTurn();
        return left;
    }

    /** Removes member {@code target}, one that will not come back; answered as {@link #leave} is. */
    public CompletableFuture<Membership> removeMember(int target, long timeoutMs) {
        CompletableFuture<Membership> removed = removals.remove(target, timeoutMs, ctx.now());
        node.endTurn();
        return removed;
    }

    // ---------------------------------------------------------------- the tick

    private void tick() {
        if (node.stopped()) {
            return;
        }
        long now = node.now();
        for (FailureDetector.Transition change : node.detector().tick(now)) {
            suspicion(now, change);
        }
        heartbeats.sendIfDue(now);
        groups.all().forEach(group -> group.tickLeadership(now));
        groups.all().forEach(group -> group.clients().tick(now));
        accounts.tick(now);
        grants.tick(now);
        removals.tick(now);
        groups.all().forEach(group -> group.tickCatchUp(now));
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_MS;
            groups.all().forEach(group -> group.ctx().cooldowns().prune(group.ctx().stamp(now)));
            groups.all().forEach(group -> group.ctx().state().pruneGrants(now));
            readers.prune();
            groups.all().forEach(group -> group.voting().dropSettledInDoubt());
        }
        node.endTurn();
        scheduler.schedule(node.config().tickMs(), this::tick);
    }

    private void suspicion(long now, FailureDetector.Transition change) {
        node.events().emit(new NodeEvent.SuspicionChanged(now, node.self(), change.peer(), change.from(),
            change.to()));
        if (change.to() == Liveness.DEAD) {
            groups.all().forEach(group -> group.peerDied(change.peer()));
        }
    }

    // ---------------------------------------------------------------- messages

    /**
     * Handles one message from {@code from}. Messages naming another sender are dropped, and so is everything from
     * a non-member except what {@link MessageRoutes#acceptedFromOutsiders} allows. A joiner takes messages from
     * anyone: it is learning who the members are. A bundle is handled part by part, each in its group; one part
     * naming another sender drops the whole bundle, and a part of a group this node does not have is dropped.
     */
    public void onMessage(int from, PeerMessage message) {
        if (!node.running() || from == node.self() || message.nodeId() != from) {
            return;
        }
        if (message instanceof PeerMessage.Bundle bundle) {
            if (bundle.parts().stream().allMatch(part -> part.message().nodeId() == from)) {
                bundle.parts().forEach(part -> deliver(from, part.group(), part.message()));
            }
        } else {
            deliver(from, 0, message);
        }
        node.endTurn();
    }

    private void deliver(int from, int number, PeerMessage message) {
        // A history answer comes bare from off the peer's node thread; it names the orderer, so its group.
        ShardGroup group = groups.get(message instanceof PeerMessage.HistoryResponse answer
            ? node.groupOf(answer.node()) : number);
        if (group == null) {
            droppedParts++;
            return;
        }
        MembershipView members = ctx.members();
        long now = node.now();
        // Kinds taken from anyone first: a heartbeat, most of the traffic, then skips the membership lookup.
        boolean outsider = !MessageRoutes.acceptedFromOutsiders(message) && members.isMember()
            && !members.current().contains(from);
        if (outsider || members.removed() && !MessageRoutes.heardWhenRemoved(message)) {
            heartbeats.tellStale(from, now);
            return;
        }
        node.detector().heard(from, now).ifPresent(change -> suspicion(now, change));
        if (node.events().wantsMessages()) {
            group.ctx().events().emit(new NodeEvent.MessageReceived(now, node.self(), from, message.kind(),
                message.summary()));
        }
        if (group != groups.cluster() && MessageRoutes.electsIn(message) && group.ctx().members().isMember()
            && !group.ctx().members().current().contains(from)) {
            // A shard moved off the sender while it was away: it still elects there until told, and must not lead
            // the replicas it no longer is one of (ADR 0017).
            group.greetings().tellStale(from, now);
            return;
        }
        message.dispatch(group.routes(), from, now);
    }

    /** Parts of bundles dropped because they name a group this node does not have. */
    public long droppedParts() {
        return droppedParts;
    }

    /**
     * A request made here was refused by a leader (here at once, or a peer's PLACE_REJECTED): an account change's
     * client, the placement waiting for that grant, or a placement's client hears of it.
     */
    private void refuseLocal(long requestId, PlaceException error, long now) {
        if (!accounts.refuse(requestId, error) && !grants.refuse(requestId, error, now)) {
            groups.all().forEach(group -> group.clients().refuse(requestId, error, now));
        }
    }

    private boolean inCanvas(int x, int y) {
        return x >= 0 && y >= 0 && x < node.config().width() && y < node.config().height();
    }

    // ---------------------------------------------------------------- reads, for reports and the simulator

    /** An immutable snapshot of the whole node. */
    public NodeReport report() {
        return reports.take();
    }

    /** True when this node was removed from the configuration and stays out (it does not rejoin). */
    public boolean isRemoved() {
        return ctx.members().removed();
    }

    /** The replica of the whole canvas, for the simulator's checks on the node's thread; one shard only. */
    public Replica replica() {
        if (groups.writing().size() != 1) {
            throw new IllegalStateException("a sharded node holds a replica per shard: replicas()");
        }
        return ctx.replica();
    }

    /** The replica of each shard in shard order (one, of the whole canvas, with one shard), on the node's thread. */
    public List<Replica> replicas() {
        return groups.writing().stream().map(group -> group.ctx().replica()).toList();
    }

    /** The replica that holds pixel {@code (x, y)}, on the node's thread. */
    public Replica replicaAt(int x, int y) {
        return groups.forPixel(x, y).ctx().replica();
    }

    /** Each shard as this node sees it, in shard order: replicas, leader, epoch and writes. */
    public List<ShardReport> shards() {
        return groups.writing().stream().map(group -> {
            GroupContext shard = group.ctx();
            CanvasReplica area = shard.replica().canvas();
            return new ShardReport(Math.max(0, shard.group() - 1), area.originX(), area.originY(), area.width(),
                area.height(),
                shard.members().current().members(), shard.claimedLeader(), shard.election().epoch(),
                shard.replica().committedWrites(), shard.members().isMember());
        }).toList();
    }

    /** The version of every replica the node holds (their orderers differ, so they never overlap). */
    public VectorClock version() {
        return canvas.version();
    }

    /** The account version of each group, the cluster's first (the simulator compares them across replicas). */
    public List<VectorClock> accountVersions() {
        return groups.all().stream().map(group -> group.ctx().state().accounts().version()).toList();
    }

    /** The account book itself, for the simulator's checks on the node's thread. */
    public AccountBook accounts() {
        return ctx.state().accounts();
    }

    /**
     * How long ago, by this node's clock, the oldest cooldown grant it keeps in any group was stamped; 0 when it
     * keeps none. For the simulator's check that grants are pruned (ADR 0017).
     */
    public long oldestGrantAgeMs() {
        long now = node.now(); // not a fresh stamp: a check must not move the clock
        return groups.all().stream().map(group -> group.ctx().state().accounts().oldestGrant())
            .filter(OptionalLong::isPresent).mapToLong(oldest -> now - Hlc.physical(oldest.getAsLong()))
            .max().orElse(0);
    }

    /**
     * True when every shard holds exactly the replicas its target names, as this node sees them: no move is due.
     * Always with one shard. For the simulator's convergence check.
     */
    public boolean shardsSettled() {
        return groups.writing().stream().map(ShardGroup::ctx).allMatch(shard -> !shard.moves()
            || Set.copyOf(shard.targetReplicas()).equals(Set.copyOf(shard.members().current().members())));
    }

    /** True once the node has caught up with the cluster (or found no one to catch up from), in every group. */
    public boolean isReady() {
        return groups.all().stream().allMatch(group -> group.catchUp().ready());
    }

    public Role role() {
        return ctx.election().role();
    }

    public long epoch() {
        return ctx.election().epoch();
    }
}
