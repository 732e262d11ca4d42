package org.distriplace.core.sim;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.model.Palette;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.protocol.shard.ShardGrid;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.read.ReadView;

/**
 * A whole cluster of real {@link NodeEngine}s on virtual time and a {@link SimNetwork}, with seeded faults and
 * clients: the deterministic simulation test (after FoundationDB's simulator, TigerBeetle's VOPR and Kafka's
 * {@code RaftEventSimulationTest}). Everything random comes from the seed, so a run replays exactly.
 *
 * <p>A run has a <b>safety phase</b> (clients write while faults strike: loss, delay, duplication, reordering,
 * partitions, crashes and restarts) and a <b>liveness phase</b> (the network heals, every node restarts, clients
 * write a little longer, then every replica must agree within a bound). Invariants are checked on every event.
 *
 * <p>Also the engine of the inspector's demo mode: {@link #step()} runs one event, and the fault controls
 * ({@link #crash}, {@link #restart}, {@link #network()}) act at any time.
 */
public final class Simulation {

    private static final long CONVERGENCE_CHECK_MS = 250;

    private final long seed;
    private final ScenarioOptions options;
    private final EventQueue queue = new EventQueue();
    private final Random random;
    private final SimNetwork network;
    private final InvariantChecker checker;
    private final Map<Integer, SimNode> nodes = new TreeMap<>();
    private final SimObservers observers;
    private final SimClients clients;
    private final ReplicaAgreement agreement = new ReplicaAgreement(nodes);
    private final AccountChecks accounts;
    private int attempts;
    private final UnaryOperator<NodeConfig.Builder> tuning;
    private long convergedAt = -1;
    private boolean finished;

    public Simulation(long seed, ScenarioOptions options) {
        this(seed, options, UnaryOperator.identity());
    }

    /**
     * A simulation whose nodes' configurations pass through {@code tuning} last (the demo slows heartbeats and
     * timeouts down to what a class can follow).
     */
    public Simulation(long seed, ScenarioOptions options, UnaryOperator<NodeConfig.Builder> tuning) {
        this.seed = seed;
        this.tuning = tuning;
        this.options = options;
        this.random = new Random(seed);
        this.network = new SimNetwork(queue, random, this::deliver);
        this.checker = new InvariantChecker(options.cooldownMs(), options.sharding().sharded()
            ? ShardGrid.of(options.canvasSize(), options.canvasSize(), options.sharding().columns(),
                options.sharding().rows()) : null, options.sharding().replicas());
        this.observers = new SimObservers(queue, checker);
        this.accounts = new AccountChecks(checker);
        this.clients = new SimClients(this, queue, random, options, Palette.rPlace2022());
        List<Integer> members = IntStream.rangeClosed(1, options.nodes()).boxed().toList();
        checker.initialConfiguration(members);
        // Joiners know the initial members as their contacts; they start (and ask to join) during the run.
        int total = options.nodes() + options.joiners();
        for (int id = 1; id <= total; id++) {
            nodes.put(id, new SimNode(id, nodeConfig(id, members), queue, network, seed, observers,
                options.writeBehind()));
        }
    }

    private NodeConfig nodeConfig(int id, List<Integer> members) {
        return tuning.apply(options.nodeConfig(id, members)).build();
    }

    /** Receives every trace line (node events and the simulator's own actions), in order. */
    public void addTraceListener(Consumer<String> listener) {
        observers.addTraceListener(listener);
    }

    /** Receives every node event, in order. */
    public void addEventListener(Consumer<NodeEvent> listener) {
        observers.addEventListener(listener);
    }

    // ---------------------------------------------------------------- running

    /** Runs the whole scenario: safety phase, healing, liveness phase. */
    public SimulationResult run() {
        startAll();
        clients.start();
        new FaultSchedule(this, random).schedule(queue, options);
        new MembershipChurn(this, seed).schedule(options);
        queue.scheduleAt(options.safetyMs(), this::heal);
        queue.scheduleAt(options.safetyMs() + options.settleWritesMs(), () -> {
            participants().forEach(clients::probe);
            checkConvergence();
        });
        long deadline = options.safetyMs() + options.convergenceBoundMs();
        while (!finished && checker.violation() == null && queue.nextAt() <= deadline && queue.runNext()) {
            // every event is checked by the listeners as it happens
        }
        if (!finished && checker.violation() == null) {
            agreement.failLiveness(checker, options.convergenceBoundMs(), clients.probesPending(), queue.now());
        }
        return result();
    }

    /** Starts every initial member (for step-by-step use; {@link #run()} does it itself). */
    public void startAll() {
        nodes.values().stream().filter(node -> node.id() <= options.nodes()).forEach(SimNode::start);
    }

    /** Starts the simulated clients: each places a pixel through a random live node every so often. */
    public void startWorkload() {
        clients.start();
    }

    /** Runs {@code action} at virtual time now + {@code delayMs}; {@code label} names it to step-by-step viewers. */
    public void schedule(long delayMs, String label, Runnable action) {
        queue.schedule(delayMs, label, action);
    }

    /** What the next event is and when it runs; empty when nothing is queued. */
    public String describeNext() {
        return queue.describeNext();
    }

    /** Virtual time of the next event, or {@link Long#MAX_VALUE} when none is queued. */
    public long nextAt() {
        return queue.nextAt();
    }

    public ScenarioOptions options() {
        return options;
    }

    /**
     * Places a pixel through node {@code id} (as a client of that node would); a committed answer is checked by
     * the invariants like any other acknowledged write.
     */
    public CompletableFuture<PlaceResult> place(int id, String user, int x, int y, Color color) {
        if (!isUp(id)) {
            return CompletableFuture.failedFuture(new PlaceException(PlaceError.NOT_READY, "node " + id + " is down"));
        }
        attempts++;
        return placeUncounted(id, user, x, y, color);
    }

    /** Places through node {@code id} as a client would, without counting it among the clients' attempts. */
    CompletableFuture<PlaceResult> placeUncounted(int id, String user, int x, int y, Color color) {
        return nodes.get(id).place(user, x, y, color).whenComplete((result, error) -> {
            if (result != null) {
                checker.acknowledged(result.write());
            }
        });
    }

    /** Asks for an account change through node {@code id}, as a client would; acknowledged ones are checked. */
    CompletableFuture<AccountEntry> changeAccount(int id, AccountChange change) {
        if (!isUp(id)) {
            return CompletableFuture.failedFuture(new PlaceException(PlaceError.NOT_READY, "node " + id + " is down"));
        }
        return nodes.get(id).changeAccount(change).whenComplete((entry, error) -> {
            if (entry != null && change.kind() == AccountChange.Kind.REGISTER) {
                accounts.acknowledged(entry, queue.now());
            }
        });
    }

    /** Runs one event; false when nothing is left to run. */
    public boolean step() {
        return queue.runNext();
    }

    /** Runs events until virtual time {@code until}. */
    public void runUntil(long until) {
        while (queue.nextAt() <= until && queue.runNext()) {
            // run
        }
    }

    /** How many events have run: with the seed and what was done between them, a run's exact position. */
    public long eventsRun() {
        return queue.executed();
    }

    public long now() {
        return queue.now();
    }

    public long seed() {
        return seed;
    }

    public SimNetwork network() {
        return network;
    }

    /** Node {@code id}'s engine (its current life), for tests that drive and inspect the engine itself. */
    public NodeEngine engine(int id) {
        return nodes.get(id).engine();
    }

    /** A snapshot of node {@code id}, which must be up. */
    public NodeReport report(int id) {
        return nodes.get(id).engine().report();
    }

    /** What node {@code id} last published for readers: its canvas, version and state hash. */
    public ReadView view(int id) {
        return nodes.get(id).view();
    }

    public Role role(int id) {
        return nodes.get(id).engine().role();
    }

    public long epoch(int id) {
        return nodes.get(id).engine().epoch();
    }

    /** Tells {@code listener} of every write node {@code id} commits, across its crashes and restarts. */
    public void addPixelListener(int id, PixelListener listener) {
        nodes.get(id).addPixelListener(listener);
    }

    public boolean isUp(int id) {
        return nodes.get(id).isUp();
    }

    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    /** The history node {@code id}'s store holds, by ordering node then counter. */
    public List<PixelWrite> history(int id) {
        return nodes.get(id).history();
    }

    public Violation violation() {
        return checker.violation();
    }

    /** Nodes that take part: not gone for good, and not removed (as far as a live node knows). */
    public List<Integer> participants() {
        return nodes.entrySet().stream().filter(entry -> entry.getValue().participates()).map(Map.Entry::getKey)
            .toList();
    }

    /** True when node {@code id} takes part (see {@link #participants()}). */
    boolean participates(int id) {
        return nodes.get(id).participates();
    }

    /** Nodes up that hold themselves members. */
    List<Integer> liveMembers() {
        return nodes.keySet().stream().filter(id -> isUp(id) && report(id).member()).toList();
    }

    /** Node {@code id} (up) asks to leave the cluster. */
    CompletableFuture<Membership> leave(int id, long timeoutMs) {
        return nodes.get(id).engine().leave(timeoutMs);
    }

    /** Node {@code through} (up) is asked to remove member {@code target}, as an operator would. */
    public CompletableFuture<Membership> removeMember(int through, int target, long timeoutMs) {
        return nodes.get(through).engine().removeMember(target, timeoutMs);
    }

    /**
     * Node {@code id} stops for good (it left), as an event of its own: never in the middle of its own handling (a
     * leave's answer), which would let the rest of that handling act for a dead machine.
     */
    void depart(int id) {
        schedule(0, "n" + id + " stops for good", () -> {
            crash(id);
            nodes.get(id).depart();
        });
    }

    // ---------------------------------------------------------------- faults

    public void crash(int id) {
        if (nodes.get(id).isUp()) {
            trace("CRASH n" + id);
            nodes.get(id).crash();
            // A crashed engine says nothing: viewers hear of the crash from the simulator itself.
            NodeEvent stopped = new NodeEvent.Lifecycle(queue.now(), id, NodeEvent.Lifecycle.Stage.STOPPED, "crashed");
            observers.fromSimulator(stopped);
        }
    }

    public void restart(int id) {
        if (!nodes.get(id).isUp() && !nodes.get(id).departed()) {
            trace("RESTART n" + id);
            nodes.get(id).start();
        }
    }

    /** Restarts node {@code id} (down) with its options changed by {@code change}, as an operator would. */
    public void restart(int id, UnaryOperator<NodeConfig.Builder> change) {
        nodes.get(id).reconfigure(change.apply(nodes.get(id).config().toBuilder()).build());
        restart(id);
    }

    public void partition(Map<Integer, Integer> groups) {
        trace("PARTITION " + groups);
        network.partition(groups);
    }

    /** Ends any partition (link conditions stay as they are). */
    public void healPartition() {
        trace("HEAL partition");
        network.heal();
    }

    private void heal() {
        trace("HEAL: network healthy, every node up; liveness phase");
        network.heal();
        network.setAllLinks(LinkConditions.HEALTHY);
        nodes.keySet().forEach(this::restart);
    }

    // ---------------------------------------------------------------- convergence

    private void checkConvergence() {
        if (finished || checker.violation() != null) {
            return;
        }
        if (converged() && agreement.historiesAgree() && clients.probesPending().isEmpty()) {
            convergedAt = queue.now();
            checker.checkDurability(agreement.participants(), queue.now());
            accounts.checkAfterHealing(agreement.liveBooks(), queue.now());
            accounts.checkGrantsPruned(agreement.liveGrantAges(), nodes.values().iterator().next().config(),
                queue.now());
            trace("CONVERGED: every replica at version " + engine(1).version());
            finished = true;
            return;
        }
        queue.schedule(CONVERGENCE_CHECK_MS, this::checkConvergence);
    }

    /** True when every node is up and ready, with the same version and state hash. */
    public boolean converged() {
        return agreement.everyNode();
    }

    /** True when every node that is up is ready, with the same version and state hash. */
    public boolean convergedAmongLive() {
        return agreement.amongLive();
    }

    // ---------------------------------------------------------------- plumbing

    private void deliver(int from, int to, PeerMessage message) {
        SimNode node = nodes.get(to);
        if (node != null && node.isUp()) {
            node.receive(from, message);
        }
    }

    void trace(String action) {
        observers.trace(action);
    }

    private SimulationResult result() {
        return new SimulationResult(seed, checker.violation(), queue.now(), queue.executed(),
            checker.committedWrites(), checker.acknowledgedWrites(), attempts, convergedAt,
            checker.configurationChanges(), network.stats(), accounts.acknowledgedCount(),
            checker.shardConfigurationChanges());
    }

    /** The command line that replays this run exactly. */
    public String replayCommand() {
        return "./distri-place simulate --seed " + seed + options.commandLineArguments() + " --trace";
    }
}
