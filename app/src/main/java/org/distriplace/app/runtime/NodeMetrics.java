package org.distriplace.app.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.api.ApiTraffic;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.net.PeerTraffic;
import org.distriplace.core.runtime.Node;

/**
 * A node's metrics for {@code GET /metrics}, in Prometheus' text format through Micrometer: what the protocol did
 * (from the node's events: commits, batch sizes, two-phase-commit round times, refusals by reason, elections, the
 * epoch, the role, peers alive, catch-up traffic), what its WebSocket clients cost, and the JVM. Counting is all the
 * node's thread does for it (never a block, never a string built); the text is rendered where it is scraped.
 */
public final class NodeMetrics implements EventSink {

    /** Rounds whose end never came (the leader stepped down mid-round) are forgotten past this many. */
    static final int OPEN_ROUNDS = 1_000;
    /** The round-time histogram's buckets: a healthy LAN round takes milliseconds; one over a second is trouble. */
    private static final Duration[] ROUND_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500)};

    private static final Duration[] STORAGE_BUCKETS = {Duration.ofNanos(250_000), Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter writesCommitted;
    private final Counter batchesCommitted;
    private final Counter writesLed;
    private final DistributionSummary batchSize;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<NodeEvent.ElectionStep.Step, Counter> elections =
        new EnumMap<>(NodeEvent.ElectionStep.Step.class);
    private final Map<NodeEvent.SyncStep.Kind, Counter> syncWrites = new EnumMap<>(NodeEvent.SyncStep.Kind.class);
    private final Map<NodeEvent.SyncStep.Kind, Counter> syncTiles = new EnumMap<>(NodeEvent.SyncStep.Kind.class);
    private final AtomicLong epoch = new AtomicLong();
    private volatile Role role = Role.FOLLOWER;
    private final Map<Integer, Liveness> peers = new ConcurrentHashMap<>();
    /** Proposal id → when this node (leading) sent its PREPARE; the node's thread only. */
    private final Map<Long, Long> openRounds = new HashMap<>();
    private final ShardMeters shards = new ShardMeters(registry);

    public NodeMetrics(int nodeId) {
        registry.config().commonTags("node", Integer.toString(nodeId));
        PrometheusNames.install(registry);
        writesCommitted = Counter.builder("distriplace.writes.committed")
            .description("Pixel writes committed into this replica").register(registry);
        batchesCommitted = Counter.builder("distriplace.batches.committed")
            .description("Batches committed into this replica").register(registry);
        writesLed = Counter.builder("distriplace.writes.led")
            .description("Pixel writes in batches this node led, in any shard (its share of the ordering work)")
            .register(registry);
        batchSize = DistributionSummary.builder("distriplace.batch.size").description("Writes per committed batch")
            .serviceLevelObjectives(1, 10, 50, 100, 500, 1_000, 5_000).register(registry);
        for (NodeEvent.ElectionStep.Step step : NodeEvent.ElectionStep.Step.values()) {
            elections.put(step, Counter.builder("distriplace.election.steps").tag("step", lower(step))
                .description("Bully election steps on this node").register(registry));
        }
        for (NodeEvent.SyncStep.Kind kind : NodeEvent.SyncStep.Kind.values()) {
            syncWrites.put(kind, Counter.builder("distriplace.sync.writes").tag("step", lower(kind))
                .description("Writes carried by anti-entropy and catch-up steps").register(registry));
            syncTiles.put(kind, Counter.builder("distriplace.sync.tiles").tag("step", lower(kind))
                .description("Canvas tiles carried by full-state transfers").register(registry));
        }
        Gauge.builder("distriplace.epoch", epoch, AtomicLong::get).description("This node's epoch")
            .register(registry);
        for (Role each : Role.values()) {
            Gauge.builder("distriplace.role", () -> role == each ? 1 : 0).tag("role", lower(each))
                .description("1 for this node's current role").register(registry);
        }
        Gauge.builder("distriplace.peers.alive", peers, known -> known.values().stream()
                .filter(liveness -> liveness == Liveness.ALIVE).count())
            .description("Peers the failure detector hears").register(registry);
        registerProcess(registry);
        PrometheusNames.bindSecondsMeters(registry);
    }

    /** Counts what the node's WebSocket clients cost it. */
    public NodeMetrics watch(ApiTraffic traffic) {
        registerTraffic(registry, traffic);
        return this;
    }

    /** The WebSocket clients' meters, a node's or an edge's. */
    static void registerTraffic(MeterRegistry registry, ApiTraffic traffic) {
        Gauge.builder("distriplace.websocket.clients", traffic, ApiTraffic::clients)
            .description("WebSocket clients connected").register(registry);
        FunctionCounter.builder("distriplace.websocket.frames.sent", traffic, ApiTraffic::framesSent)
            .description("WebSocket frames sent to clients").register(registry);
        FunctionCounter.builder("distriplace.websocket.sent", traffic, ApiTraffic::bytesSent).baseUnit("bytes")
            .description("WebSocket bytes sent to clients").register(registry);
        FunctionCounter.builder("distriplace.websocket.slow.disconnects", traffic, ApiTraffic::slowDisconnects)
            .description("WebSocket clients cut off for falling more than their backlog behind").register(registry);
    }

    /** The JVM's meters and Netty's pooled buffers, a node's or an edge's. */
    static void registerProcess(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Netty's pooled buffers live outside the heap and outside the JVM's own buffer-pool figures.
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    }

    /** Counts the bytes of peer messages by kind (catching up is SYNC_* and HISTORY_*). */
    public NodeMetrics watch(PeerTraffic traffic) {
        for (MessageKind kind : MessageKind.values()) {
            FunctionCounter.builder("distriplace.peer.sent", traffic, t -> t.bytesSent(kind)).baseUnit("bytes")
                .tags("kind", lower(kind), "protocol", lower(kind.category()))
                .description("Bytes of peer messages sent, by kind").register(registry);
            FunctionCounter.builder("distriplace.peer.received", traffic, t -> t.bytesReceived(kind))
                .baseUnit("bytes").tags("kind", lower(kind), "protocol", lower(kind.category()))
                .description("Bytes of peer messages received, by kind").register(registry);
        }
        return this;
    }

    /** Times the store's group commits: the latency every commit waits on. */
    public Node.StorageTransactions storage() {
        Timer transactions = Timer.builder("distriplace.storage.transaction")
            .description("Group commits to disk (every write durable before its effects are seen)")
            .serviceLevelObjectives(STORAGE_BUCKETS).register(registry);
        DistributionSummary writes = DistributionSummary.builder("distriplace.storage.transaction.writes")
            .description("Writes made durable per group commit").register(registry);
        return (count, nanos) -> {
            transactions.record(nanos, TimeUnit.NANOSECONDS);
            writes.record(count);
        };
    }

    /** Prometheus' text format, as of now. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public boolean wantsMessages() {
        return false;
    }

    @Override
    public void emit(NodeEvent event) {
        if (event instanceof NodeEvent.InGroup inGroup) {
            shards.emit(inGroup.group() - 1, inGroup.event());
            if (!(inGroup.event() instanceof NodeEvent.Committed || inGroup.event() instanceof NodeEvent.SyncStep
                || inGroup.event() instanceof NodeEvent.PlacementFailed)) {
                return; // a shard's election, epoch and rounds are its own series; the node's are the cluster's
            }
            event = inGroup.event();
        }
        if (event instanceof NodeEvent.Committed committed) {
            writesCommitted.increment(committed.writes().size());
            batchesCommitted.increment();
            if (committed.leaderId() == committed.node()) {
                writesLed.increment(committed.writes().size());
            }
            batchSize.record(committed.writes().size());
        } else if (event instanceof NodeEvent.CommitPhase phase) {
            round(phase);
        } else if (event instanceof NodeEvent.PlacementFailed failed) {
            refusals.computeIfAbsent(failed.code(), code -> Counter.builder("distriplace.placements.refused")
                .tag("reason", code).description("Placements refused or given up, by error code")
                .register(registry)).increment();
        } else if (event instanceof NodeEvent.ElectionStep step) {
            elections.get(step.step()).increment();
        } else if (event instanceof NodeEvent.EpochChanged changed) {
            epoch.set(changed.to());
        } else if (event instanceof NodeEvent.RoleChanged changed) {
            role = changed.role();
            epoch.set(Math.max(epoch.get(), changed.epoch()));
        } else if (event instanceof NodeEvent.SuspicionChanged changed) {
            peers.put(changed.peer(), changed.to());
        } else if (event instanceof NodeEvent.SyncStep step) {
            syncWrites.get(step.kind()).increment(step.writes());
            syncTiles.get(step.kind()).increment(step.tiles());
        }
        // messages, heartbeats and milestones are the inspector's
    }

    /** A leader's round: from its PREPARE to its decision. */
    private void round(NodeEvent.CommitPhase phase) {
        NodeEvent.CommitPhase.Phase step = phase.phase();
        if (step == NodeEvent.CommitPhase.Phase.PREPARE_SENT) {
            if (openRounds.size() >= OPEN_ROUNDS) {
                openRounds.clear();
            }
            openRounds.putIfAbsent(phase.proposalId(), phase.at());
        } else if (step == NodeEvent.CommitPhase.Phase.COMMIT || step == NodeEvent.CommitPhase.Phase.ABORT) {
            Long started = openRounds.remove(phase.proposalId());
            if (started != null) {
                Timer.builder("distriplace.commit.round").tag("outcome", lower(step))
                    .description("Two-phase-commit rounds led by this node, from PREPARE to the decision")
                    .serviceLevelObjectives(ROUND_BUCKETS).register(registry)
                    .record(Duration.ofMillis(Math.max(0, phase.at() - started)));
            }
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
