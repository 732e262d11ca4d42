package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The load benchmark: calibrates this machine's WebSocket fan-out ceiling, starts a three-node cluster as
 * separate processes on loopback, then measures the placement ramp (open model, until p99 place→visible passes
 * 500 ms), fan-out to many observers, and failover under load (kill -9 of the leader mid-run). The reads phase
 * ({@link ReadStall}) starts clusters of its own.
 */
public final class Benchmark {

    /** The phases a run can include. */
    public enum Phase { RAMP, FANOUT, FAILOVER, READS, MEMBERSHIP, HISTORY, CONNECTIONS, EDGE, SHARDMAP, SHARDS }

    /** How the benchmark's clients take {@code pixels}: binary frames (as the browser page does) or JSON text. */
    public enum PixelFrames { BINARY, JSON }

    /**
     * How long and how hard ({@code quick} finishes in under two minutes), and which phases run.
     *
     * @param rates the ramp's placement rates, or empty for the default ladder
     * @param nodeJvmOptions extra options for the node JVMs (a profiler, say)
     * @param referenceJar another build's jar, whose nodes the reads and membership phases measure beside this
     *                     build's; or null
     * @param pixels how the placing and observing clients take pixels
     * @param nodeOptions extra {@code distri-place node} options for the placement phases' nodes (say
     *                    {@code --wire=json})
     * @param warmupSeconds how long the ramp's unmeasured warm-up runs, or 0 for the default (8 s, 10 s quick)
     */
    public record Options(boolean quick, Path json, Set<Phase> phases, List<Double> rates,
                          List<String> nodeJvmOptions, Path referenceJar, PixelFrames pixels,
                          List<String> nodeOptions, double warmupSeconds) {
        public Options {
            rates = List.copyOf(rates);
            nodeJvmOptions = List.copyOf(nodeJvmOptions);
            nodeOptions = List.copyOf(nodeOptions);
        }
    }

    private static final double VISIBLE_P99_LIMIT_MS = 500;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Options options;
    private final PrintWriter out;

    public Benchmark(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Runs everything and returns the report (also written to {@code options.json()} when set). */
    public ObjectNode run() throws Exception {
        ObjectNode report = JSON.createObjectNode();
        report.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version")).put("quick", options.quick())
            .put("pixels", options.pixels().name().toLowerCase(Locale.ROOT))
            .put("node_options", String.join(" ", options.nodeOptions()))
            .put("warmup_s", options.warmupSeconds());
        String reference = options.referenceJar() == null ? null : options.referenceJar().toAbsolutePath().toString();
        if (options.phases().stream().anyMatch(phase -> phase == Phase.RAMP || phase == Phase.FANOUT
            || phase == Phase.FAILOVER)) {
            placements(report);
        }
        if (options.phases().contains(Phase.READS)) {
            new ReadStall(options.quick(), reference, options.nodeJvmOptions(), out).run(report);
        }
        if (options.phases().contains(Phase.MEMBERSHIP)) {
            new Departures(reference, options.nodeJvmOptions(), out).run(report);
        }
        if (options.phases().contains(Phase.HISTORY)) {
            new HistoryBench(options.quick(), options.nodeJvmOptions(), out).run(report);
        }
        if (options.phases().contains(Phase.CONNECTIONS)) {
            new ConnectionCost(options.quick(), reference, options.nodeJvmOptions(), out).run(report);
        }
        if (options.phases().contains(Phase.EDGE)) {
            new EdgeBench(options, out).run(report);
        }
        if (options.phases().contains(Phase.SHARDMAP)) {
            new ShardPlacementBench(out).run(report);
        }
        if (options.phases().contains(Phase.SHARDS)) {
            new ShardScaleBench(options.quick(), options.nodeJvmOptions(), out).run(report);
        }
        if (options.json() != null) {
            JSON.writeValue(options.json().toFile(), report);
            say("results written to %s", options.json());
        }
        return report;
    }

    /** Calibration, then the three-node cluster's ramp, fan-out and failover phases, as chosen. */
    private void placements(ObjectNode report) throws Exception {
        int calibrationClients = options.quick() ? 200 : 1_000;
        double ceiling = Calibration.framesPerSecond(calibrationClients, options.quick() ? 2 : 5);
        report.putObject("calibration").put("frames_per_s", Math.round(ceiling)).put("clients", calibrationClients);
        say("calibration: a bare Netty WebSocket broadcaster delivers %,.0f frames/s to %d local clients",
            ceiling, calibrationClients);

        Path dir = Files.createTempDirectory("distri-place-bench");
        RedisAnchor.Result anchor = options.phases().contains(Phase.RAMP) ? redisAnchor(report, dir) : null;
        BenchCluster.Layout standard = BenchCluster.Layout.standard();
        BenchCluster.Layout layout = new BenchCluster.Layout(standard.nodes(), standard.width(), standard.height(),
            options.nodeOptions(), standard.classPath());
        try (BenchCluster cluster = new BenchCluster(dir, options.nodeJvmOptions(), layout);
             WsClients clients = new WsClients(2)) {
            cluster.startAll();
            say("cluster: 3 node processes on loopback, data in %s", dir);
            if (options.phases().contains(Phase.RAMP)) {
                ramp(cluster, clients, report);
                double sustained = report.path("committed_per_s").asDouble();
                if (anchor != null && sustained > 0) {
                    double ratio = sustained / anchor.perSecond();
                    report.put("ratio_to_redis", Math.round(ratio * 1000) / 1000.0);
                    say("our sustained rate is %.1f%% of Redis' single-process pipeline (%,.0f/s), this run",
                        100 * ratio, anchor.perSecond());
                } else if (anchor != null) {
                    say("no rate of the ramp was sustained, so there is no share of Redis' %,.0f/s to give",
                        anchor.perSecond());
                }
            }
            LoadPhases phases = new LoadPhases(cluster, clients, options, out);
            if (options.phases().contains(Phase.FANOUT)) {
                phases.fanOut(report, ceiling);
            }
            if (options.phases().contains(Phase.FAILOVER)) {
                double sustained = report.path("committed_per_s").asDouble();
                phases.failover(report, sustained >= 1_000 ? sustained : options.quick() ? 300 : 1_000);
            }
            ObjectNode rss = report.putObject("node_rss_mib");
            for (int id = 1; id <= 3; id++) {
                rss.put(Integer.toString(id), Math.round(cluster.rssMiB(id)));
            }
        }
    }

    private void ramp(BenchCluster cluster, WsClients clients, ObjectNode report) throws Exception {
        try (LoadRun load = new LoadRun(options.pixels() == PixelFrames.BINARY)) {
            ramp(cluster, clients, report, load);
        }
    }

    private void ramp(BenchCluster cluster, WsClients clients, ObjectNode report, LoadRun load) throws Exception {
        load.connect(clients, nodes(cluster, 1, 2, 3), options.quick() ? 30 : 100, 30, 30);
        double[] rates = !options.rates().isEmpty() ? options.rates().stream().mapToDouble(r -> r).toArray()
            : options.quick() ? new double[] {5_000, 10_000, 20_000}
            : new double[] {1_000, 2_000, 5_000, 10_000, 20_000, 50_000};
        double seconds = options.quick() ? 4 : 10;
        // Unmeasured warm-up: the nodes' JIT compiles the hot path before anything is timed.
        double warmup = options.warmupSeconds() > 0 ? options.warmupSeconds() : options.quick() ? 10 : 8;
        load.run(rates[0], warmup, 3_000, null);
        ArrayNode steps = report.putArray("ramp");
        LoadRun.Result best = null;
        double settle = options.quick() ? 3 : 10;
        for (double rate : rates) {
            // Unmeasured first: a new rate sends the nodes' JIT compilers back to work (seconds of compiling at
            // each step up), and a LAN party's nodes run at one rate for minutes, not ten seconds.
            load.run(rate, settle, 3_000, null);
            double[] cpuBefore = cpu(cluster);
            long generatorBefore = generatorCpuNanos();
            NodeCosts.Snapshot costsBefore = NodeCosts.take(cluster, 3);
            LoadRun.Result result = load.run(rate, seconds, 3_000, null);
            NodeCosts.PerWrite cost = NodeCosts.perWrite(costsBefore, NodeCosts.take(cluster, 3),
                result.committedPerSecond() * result.seconds());
            ObjectNode step = steps.addObject().put("rate", rate)
                .put("committed_per_s", Math.round(result.committedPerSecond())).put("failed", result.failed())
                .put("frames_per_s", Math.round(result.frames() / result.seconds()))
                .put("bytes_per_s", Math.round(result.bytes() / result.seconds()))
                .put("cpu_us_per_write", Math.round(cost.cpuMicros()))
                .put("allocated_bytes_per_write", Math.round(cost.allocatedBytes()))
                .put("disk_bytes_per_write", Math.round(cost.diskBytes()))
                .put("fsyncs_per_s", Math.round(cost.commits() / result.seconds()))
                .put("group_commits_over_100ms", Math.round(cost.slowCommits()))
                .put("jit_ms", Math.round(cost.jitMs()));
            step.set("ack_ms", percentiles(result.ack()));
            step.set("visible_ms", percentiles(result.visible()));
            step.set("node_cpu_percent", cpuPercent(cluster, cpuBefore, result.seconds()));
            step.put("generator_cpu_percent", Math.round(generatorPercent(generatorBefore, result.seconds())));
            step.set("errors", JSON.valueToTree(result.errors()));
            say("ramp %6.0f/s: %s | cpu %s (generator %d), %,.0f µs and %,.0f bytes allocated per write, %,.0f "
                + "bytes to disk per write, %,.0f group commits/s (%,.0f over 100 ms), JIT %,.0f ms (3 nodes)%s", rate,
                result.summary(), step.get("node_cpu_percent"), step.get("generator_cpu_percent").asLong(),
                cost.cpuMicros(), cost.allocatedBytes(),
                cost.diskBytes(), cost.commits() / result.seconds(), cost.slowCommits(), cost.jitMs(),
                result.errors().isEmpty() ? "" : " | errors " + result.errors());
            boolean sustained = result.failed() == 0 && result.visible().getTotalCount() > 0
                && result.visible().getValueAtPercentile(99) / 1000.0 <= VISIBLE_P99_LIMIT_MS
                && result.committedPerSecond() >= 0.9 * rate;
            if (!sustained) {
                break;
            }
            best = result;
        }
        report.put("placements_per_s", best == null ? 0 : Math.round(best.offeredPerSecond()));
        report.put("committed_per_s", best == null ? 0 : Math.round(best.committedPerSecond()));
        report.set("visible_ms", best == null ? JSON.createObjectNode() : percentiles(best.visible()));
        report.set("ack_ms", best == null ? JSON.createObjectNode() : percentiles(best.ack()));
    }

    /**
     * Seed 2's pipeline on Redis, before the cluster starts (so nothing else competes for the cores): the rate ours
     * is compared with. Skipped, saying why, where Redis is not installed; a failure is reported, not fatal.
     */
    private RedisAnchor.Result redisAnchor(ObjectNode report, Path dir) {
        ObjectNode entry = report.putObject("redis_anchor");
        Optional<String> unavailable = RedisAnchor.unavailable();
        if (unavailable.isPresent()) {
            entry.put("skipped", unavailable.get());
            say("redis anchor: %s", unavailable.get());
            return null;
        }
        int clients = 50;
        long requests = options.quick() ? 200_000 : 1_000_000;
        try {
            Path redisDir = Files.createDirectories(dir.resolve("redis"));
            RedisAnchor.Result anchor = RedisAnchor.run(clients, requests, redisDir);
            entry.put("placements_per_s", Math.round(anchor.perSecond())).put("p50_ms", anchor.p50Ms())
                .put("p99_ms", anchor.p99Ms()).put("clients", clients).put("requests", requests)
                .put("redis", anchor.version()).put("pipeline", "EVALSHA: SET cooldown NX EX, SETRANGE, PUBLISH");
            say("redis anchor: %,.0f placements/s (p50 %.2f ms, p99 %.2f ms; %d clients, %,d requests; %s)",
                anchor.perSecond(), anchor.p50Ms(), anchor.p99Ms(), clients, requests, anchor.version());
            return anchor;
        } catch (IOException | RuntimeException failure) {
            entry.put("error", failure.toString());
            say("redis anchor: FAILED: %s", failure);
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static List<URI> nodes(BenchCluster cluster, int... ids) {
        List<URI> uris = new ArrayList<>();
        for (int id : ids) {
            uris.add(cluster.webSocket(id));
        }
        return uris;
    }

    /** CPU seconds each of the three nodes has used so far. */
    static double[] cpu(BenchCluster cluster) {
        return new double[] {cluster.cpuSeconds(1), cluster.cpuSeconds(2), cluster.cpuSeconds(3)};
    }

    private static ObjectNode cpuPercent(BenchCluster cluster, double[] before, double seconds) {
        ObjectNode cpu = JSON.createObjectNode();
        for (int id = 1; id <= 3; id++) {
            cpu.put(Integer.toString(id), Math.round(100 * (cluster.cpuSeconds(id) - before[id - 1]) / seconds));
        }
        return cpu;
    }

    /** CPU time of this process (the load generator and its clients), in nanoseconds. */
    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * This process's CPU since {@code beforeNanos} (a {@link #generatorCpuNanos} reading), in percent of a core over
     * {@code seconds}.
     */
    static double generatorPercent(long beforeNanos, double seconds) {
        return (generatorCpuNanos() - beforeNanos) / 1e7 / seconds;
    }

    static double totalRss(BenchCluster cluster) {
        return cluster.rssMiB(1) + cluster.rssMiB(2) + cluster.rssMiB(3);
    }

    static ObjectNode percentiles(Histogram micros) {
        ObjectNode node = JSON.createObjectNode();
        node.put("p50", micros.getValueAtPercentile(50) / 1000.0).put("p99", micros.getValueAtPercentile(99) / 1000.0)
            .put("p999", micros.getValueAtPercentile(99.9) / 1000.0).put("max", micros.getMaxValue() / 1000.0)
            .put("count", micros.getTotalCount());
        return node;
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
