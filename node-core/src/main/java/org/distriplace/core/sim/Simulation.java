package org.distriplace.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;

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
    private final List<Consumer<String>> traceListeners = new ArrayList<>();
    private final List<Consumer<NodeEvent>> eventListeners = new ArrayList<>();
    private final Palette palette = Palette.rPlace2022();
    private final Set<Integer> probesPending = new TreeSet<>();
    private int attempts;
    /** Per-message events are built only while someone traces or listens: they cost most of a run's time. */
    private final EventSink sink = new EventSink() {
        @Override
        public void emit(NodeEvent event) {
            onNodeEvent(event);
        }

        @Override
        public boolean wantsMessages() {
            return !traceListeners.isEmpty() || !eventListeners.isEmpty();
        }
    };
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
        this.checker = new InvariantChecker(options.cooldownMs());
        List<Integer> members = IntStream.rangeClosed(1, options.nodes()).boxed().toList();
        checker.initialConfiguration(members);
        // Joiners know the initial members as their contacts; they start (and ask to join) during the run.
        int total = options.nodes() + options.joiners();
        for (int id = 1; id <= total; id++) {
            nodes.put(id, new SimNode(id, nodeConfig(id, members), queue, network, seed, sink,
                options.writeBehind()));
        }
    }

    private NodeConfig nodeConfig(int id, List<Integer> members) {
        return tuning.apply(baseConfig(id, members)).build();
    }

    private NodeConfig.Builder baseConfig(int id, List<Integer> members) {
        return NodeConfig.builder(id, members)
            .canvas(options.canvasSize(), options.canvasSize())
            .tileSize(4)
            .cooldownMs(options.cooldownMs())
            .tickMs(20)
            // Small limits make far-behind replicas take the full-state path, and large answers come in parts.
            .maxDeltaWrites(60)
            .maxWritesPerMessage(25)
            .maxTilesPerMessage(5)
            .logRetention(120)
            // Frequent snapshots: restarted nodes restore from snapshot plus the writes after it.
            .snapshotEveryWrites(25);
    }

    /** Receives every trace line (node events and the simulator's own actions), in order. */
    public void addTraceListener(Consumer<String> listener) {
        traceListeners.add(listener);
    }

    /** Receives every node event, in order. */
    public void addEventListener(Consumer<NodeEvent> listener) {
        eventListeners.add(listener);
    }

    // ---------------------------------------------------------------- running

    /** Runs the whole scenario: safety phase, healing, liveness phase. */
    public SimulationResult run() {
        startAll();
        scheduleWorkload();
        scheduleFaults();
        scheduleJoiners();
        queue.scheduleAt(options.safetyMs(), this::heal);
        queue.scheduleAt(options.safetyMs() + options.settleWritesMs(), () -> {
            nodeIds().forEach(this::probe);
            checkConvergence();
        });
        long deadline = options.safetyMs() + options.convergenceBoundMs();
        while (!finished && checker.violation() == null && queue.nextAt() <= deadline && queue.runNext()) {
            // every event is checked by the listeners as it happens
        }
        if (!finished && checker.violation() == null) {
            if (converged()) {
                checker.fail(8, Violation.AVAILABLE, "no write committed through nodes " + probesPending + " within "
                    + options.convergenceBoundMs() + " ms of healing", queue.now());
            } else {
                checker.fail(1, Violation.CONVERGENCE, "no agreement " + options.convergenceBoundMs()
                    + " ms after healing: " + divergence(), queue.now());
            }
        }
        return result();
    }

    /** Starts every initial member (for step-by-step use; {@link #run()} does it itself). */
    public void startAll() {
        nodes.values().stream().filter(node -> node.id() <= options.nodes()).forEach(node -> node.start(this::trace));
    }

    /** Each joiner starts at a random time of the safety phase (drawn from its own stream: other draws stay put). */
    private void scheduleJoiners() {
        Random joins = new Random(seed ^ 0x6a6f696eL);
        for (int id = options.nodes() + 1; id <= options.nodes() + options.joiners(); id++) {
            int joiner = id;
            queue.scheduleAt((long) (joins.nextDouble() * Math.max(1, options.safetyMs())), () -> {
                trace("JOINER n" + joiner + " starts outside the cluster");
                restart(joiner);
            });
        }
    }

    /** Starts the simulated clients: each places a pixel through a random live node every so often. */
    public void startWorkload() {
        scheduleWorkload();
    }

    /** Runs {@code action} at virtual time now + {@code delayMs}; {@code label} names it to step-by-step viewers. */
    public void schedule(long delayMs, String label, Runnable action) {
        queue.schedule(delayMs, new Runnable() {
            @Override
            public void run() {
                action.run();
            }

            @Override
            public String toString() {
                return label;
            }
        });
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
        return nodes.get(id).place(user, x, y, color).whenComplete((result, error) -> {
            if (result != null) {
                checker.acknowledged(result.write());
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

    public long now() {
        return queue.now();
    }

    public long seed() {
        return seed;
    }

    public SimNetwork network() {
        return network;
    }

    public NodeEngine engine(int id) {
        return nodes.get(id).engine();
    }

    public boolean isUp(int id) {
        return nodes.get(id).isUp();
    }

    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    public Violation violation() {
        return checker.violation();
    }

    // ---------------------------------------------------------------- faults

    public void crash(int id) {
        if (nodes.get(id).isUp()) {
            trace("CRASH n" + id);
            nodes.get(id).crash();
            // A crashed engine says nothing: viewers hear of the crash from the simulator itself.
            NodeEvent stopped = new NodeEvent.Lifecycle(queue.now(), id, NodeEvent.Lifecycle.Stage.STOPPED, "crashed");
            eventListeners.forEach(listener -> listener.accept(stopped));
        }
    }

    public void restart(int id) {
        if (!nodes.get(id).isUp()) {
            trace("RESTART n" + id);
            nodes.get(id).start(this::trace);
        }
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

    private void scheduleFaults() {
        if (options.faults().isEmpty()) {
            return;
        }
        List<Faults> kinds = List.copyOf(options.faults());
        long at = exponential(options.meanFaultGapMs());
        while (at < options.safetyMs()) {
            Faults kind = kinds.get(random.nextInt(kinds.size()));
            queue.scheduleAt(at, () -> inject(kind));
            at += exponential(options.meanFaultGapMs());
        }
    }

    private void inject(Faults kind) {
        List<Integer> ids = nodeIds();
        switch (kind) {
            case CRASH -> {
                List<Integer> up = ids.stream().filter(this::isUp).toList();
                List<Integer> down = ids.stream().filter(id -> !isUp(id)).toList();
                if (!down.isEmpty() && (up.isEmpty() || random.nextBoolean())) {
                    restart(down.get(random.nextInt(down.size())));
                } else if (!up.isEmpty()) {
                    crash(up.get(random.nextInt(up.size())));
                }
            }
            case PARTITION -> {
                if (network.partitioned() && random.nextBoolean()) {
                    trace("HEAL partition");
                    network.heal();
                } else {
                    partition(randomGroups(ids));
                }
            }
            case DROP -> changeLinks(kind, link -> link.withDrop(pick(0.0, 0.05, 0.1, 0.25, 0.5)));
            case DELAY -> {
                long max = (long) pick(5, 50, 200, 1_000);
                changeLinks(kind, link -> link.withDelay(1, max));
            }
            case DUPLICATE -> changeLinks(kind, link -> link.withDuplicate(pick(0.0, 0.05, 0.2)));
            case REORDER -> changeLinks(kind, link -> link.withReorder(random.nextBoolean()));
        }
    }

    private void changeLinks(Faults kind, UnaryOperator<LinkConditions> change) {
        List<Integer> ids = nodeIds();
        if (ids.size() > 1 && random.nextBoolean()) {
            int from = ids.get(random.nextInt(ids.size()));
            int to = ids.get(random.nextInt(ids.size()));
            LinkConditions link = change.apply(network.conditions(from, to));
            trace("LINK n" + from + "->n" + to + " " + kind + " " + link);
            network.setLink(from, to, link);
        } else {
            LinkConditions link = change.apply(network.defaults());
            trace("LINKS all " + kind + " " + link);
            network.setAllLinks(link);
        }
    }

    private Map<Integer, Integer> randomGroups(List<Integer> ids) {
        Map<Integer, Integer> groups = new HashMap<>();
        int minority = 1 + random.nextInt(Math.max(1, ids.size() / 2));
        List<Integer> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); i++) {
            groups.put(shuffled.get(i), i < minority ? 1 : 0);
        }
        return new TreeMap<>(groups);
    }

    private double pick(double... choices) {
        return choices[random.nextInt(choices.length)];
    }

    // ---------------------------------------------------------------- clients

    private void scheduleWorkload() {
        for (int user = 1; user <= options.users(); user++) {
            String name = "user-" + user;
            queue.schedule(exponential(options.meanThinkMs()), () -> attempt(name));
        }
    }

    private void attempt(String user) {
        if (queue.now() > options.safetyMs() + options.settleWritesMs()) {
            return;
        }
        List<Integer> up = nodeIds().stream().filter(this::isUp).toList();
        if (!up.isEmpty()) {
            int node = up.get(random.nextInt(up.size()));
            int x = random.nextInt(options.canvasSize());
            int y = random.nextInt(options.canvasSize());
            Color color = palette.color(random.nextInt(palette.size()));
            place(node, user, x, y, color);
        }
        queue.schedule(exponential(options.meanThinkMs()), () -> attempt(user));
    }

    /**
     * After healing, a write through every node must commit (liveness): retried until it does, or until a
     * cooldown refusal shows the leader took an earlier attempt.
     */
    private void probe(int id) {
        probesPending.add(id);
        nodes.get(id).place("probe-" + id, id % options.canvasSize(), 0, palette.color(1)).whenComplete((ok, error) -> {
            boolean cooldown = error instanceof PlaceException refused && refused.code() == PlaceError.COOLDOWN;
            if (ok != null || cooldown) {
                if (ok != null) {
                    checker.acknowledged(ok.write());
                }
                probesPending.remove(id);
            } else {
                queue.schedule(500, () -> probe(id));
            }
        });
    }

    // ---------------------------------------------------------------- convergence

    private void checkConvergence() {
        if (finished || checker.violation() != null) {
            return;
        }
        if (converged() && probesPending.isEmpty()) {
            convergedAt = queue.now();
            Map<Integer, Replica> replicas = new TreeMap<>();
            nodes.forEach((id, node) -> replicas.put(id, node.engine().replica()));
            checker.checkDurability(replicas, queue.now());
            trace("CONVERGED: every replica at version " + engine(1).replica().version());
            finished = true;
            return;
        }
        queue.schedule(CONVERGENCE_CHECK_MS, this::checkConvergence);
    }

    /** True when every node is up and ready, with the same version and state hash. */
    public boolean converged() {
        return nodes.values().stream().allMatch(SimNode::isUp) && convergedAmongLive();
    }

    /** True when every node that is up is ready, with the same version and state hash. */
    public boolean convergedAmongLive() {
        List<Replica> live = nodes.values().stream().filter(SimNode::isUp).map(n -> n.engine().replica()).toList();
        return nodes.values().stream().filter(SimNode::isUp).allMatch(n -> n.engine().isReady())
            && live.stream().map(Replica::version).distinct().count() == 1
            && live.stream().mapToLong(r -> r.canvas().stateHash()).distinct().count() == 1;
    }

    private String divergence() {
        StringBuilder text = new StringBuilder();
        nodes.forEach((id, node) -> {
            if (!node.isUp()) {
                text.append(" n").append(id).append(" down;");
            } else {
                Replica replica = node.engine().replica();
                text.append(String.format(Locale.ROOT, " n%d %s %s %s ready=%s;", id, node.engine().role(),
                    replica.version(), replica.canvas().stateHashHex(), node.engine().isReady()));
            }
        });
        return text.toString();
    }

    // ---------------------------------------------------------------- plumbing

    private void deliver(int from, int to, PeerMessage message) {
        SimNode node = nodes.get(to);
        if (node != null && node.isUp()) {
            node.engine().onMessage(from, message);
        }
    }

    private void onNodeEvent(NodeEvent event) {
        checker.onEvent(event);
        eventListeners.forEach(listener -> listener.accept(event));
        if (!traceListeners.isEmpty()) {
            String line = EventFormat.line(event);
            traceListeners.forEach(listener -> listener.accept(line));
        }
    }

    private void trace(String action) {
        if (!traceListeners.isEmpty()) {
            String line = String.format(Locale.ROOT, "%9.3fs sim %s", queue.now() / 1000.0, action);
            traceListeners.forEach(listener -> listener.accept(line));
        }
    }

    private long exponential(long mean) {
        return Math.max(1, (long) (-mean * Math.log(1 - random.nextDouble())));
    }

    private SimulationResult result() {
        return new SimulationResult(seed, checker.violation(), queue.now(), queue.executed(),
            checker.committedWrites(), checker.acknowledgedWrites(), attempts, convergedAt, network.stats());
    }

    /** The command line that replays this run exactly. */
    public String replayCommand() {
        return "./distri-place simulate --seed " + seed + " --nodes " + options.nodes() + " --faults "
            + Faults.format(options.faults()) + " --duration " + options.safetyMs() / 1000
            + (options.writeBehind() ? " --write-behind" : "")
            + (options.joiners() > 0 ? " --joiners " + options.joiners() : "") + " --trace";
    }
}
