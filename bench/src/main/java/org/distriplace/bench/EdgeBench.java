package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 2's deployment measured on this machine ({@code bench --phases edge}): the Redis anchor (the Redis half of
 * exactly the edges' pipeline: their own placement script), then two edges, a history service and the stack,
 * ramped with the same load as the peer cluster (open model, latencies from intended send times) until p99
 * place→visible passes 250 ms, with the CPU each component spends per placement; canvas reads straight and through
 * nginx's cache; and idle WebSocket connections on one edge ({@link EdgeConnections}).
 */
final class EdgeBench {

    static final double VISIBLE_P99_LIMIT_MS = 250;

    /** Before the ramp: half a minute at each of these rates, below what the edges sustain. */
    private static final int WARM_UP_SECONDS = 30;
    private static final double[] WARM_UP_RATES = {5_000, 10_000};

    private final Benchmark.Options options;
    private final PrintWriter out;

    EdgeBench(Benchmark.Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    void run(ObjectNode report) throws Exception {
        ObjectNode edge = report.putObject("edge");
        // Redis and PostgreSQL run as their own users when this runs as root: they must reach the stack's files.
        Path dir = Files.createTempDirectory("distri-place-edge-bench", java.nio.file.attribute.PosixFilePermissions
            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        RedisAnchor.Result before = anchor(edge, "redis_anchor", dir.resolve("anchor"));
        double sustained;
        try (EdgeCluster cluster = new EdgeCluster(dir); WsClients clients = new WsClients(2)) {
            cluster.start(2, BenchCluster.Layout.standard().width(), options.nodeJvmOptions());
            say("edge: the stack (Redis, PostgreSQL, Kafka), a history service and 2 edges on loopback, in %s", dir);
            sustained = ramp(cluster, clients, edge);
            for (int i = 0; i < cluster.ports().size(); i++) {
                String metrics = NodeMemory.get(cluster.http(i) + "/metrics");
                edge.withArray("mirror_loads").add(NodeMemory.sum(metrics, "distriplace_edge_mirror_loads_total", ""));
            }
            say("edge: each edge loaded the whole canvas %s times (at start, and after any gap in Redis' publishes)",
                edge.get("mirror_loads"));
            if (report.has("committed_per_s")) {
                say("edge: the peer cluster sustained %,d placements/s in this run", report.path("committed_per_s")
                    .asLong());
                edge.put("peer_cluster_committed_per_s", report.path("committed_per_s").asLong());
            }
            new EdgeReads(options.quick(), out).run(cluster, edge, dir);
            new EdgeConnections(options.quick(), out).run(cluster, clients, edge);
        }
        // This machine's speed drifts over minutes: the anchor again once the stack is gone, and the share taken of
        // the faster of the two.
        RedisAnchor.Result after = anchor(edge, "redis_anchor_after", dir.resolve("anchor-after"));
        double anchor = Math.max(before == null ? 0 : before.perSecond(), after == null ? 0 : after.perSecond());
        if (anchor > 0 && sustained > 0) {
            edge.put("ratio_to_redis", Math.round(sustained / anchor * 1000) / 1000.0);
            say("edge: sustained %,.0f placements/s, %.1f%% of the Redis anchor (%,.0f/s, the faster of before and "
                + "after), this run", sustained, 100 * sustained / anchor, anchor);
        }
    }

    private RedisAnchor.Result anchor(ObjectNode edge, String name, Path dir) {
        ObjectNode entry = edge.putObject(name);
        Optional<String> unavailable = RedisAnchor.unavailable();
        if (unavailable.isPresent()) {
            entry.put("skipped", unavailable.get());
            return null;
        }
        long requests = options.quick() ? 200_000 : 1_000_000;
        try {
            RedisAnchor.Result anchor = RedisAnchor.runEdge(50, requests, Files.createDirectories(dir));
            entry.put("placements_per_s", Math.round(anchor.perSecond())).put("p50_ms", anchor.p50Ms())
                .put("p99_ms", anchor.p99Ms()).put("clients", 50).put("requests", requests)
                .put("redis", anchor.version()).put("pipeline", "EVALSHA place.lua: the edge's own placement step");
            say("edge: redis anchor %,.0f placements/s (p50 %.2f ms, p99 %.2f ms; the edges' place.lua, 50 clients)",
                anchor.perSecond(), anchor.p50Ms(), anchor.p99Ms());
            return anchor;
        } catch (Exception failure) {
            entry.put("error", failure.toString());
            say("edge: redis anchor FAILED: %s", failure);
            return null;
        }
    }

    /** The ramp; returns the highest rate sustained (0 if none). */
    private double ramp(EdgeCluster cluster, WsClients clients, ObjectNode edge) throws Exception {
        try (LoadRun load = new LoadRun(options.pixels() == Benchmark.PixelFrames.BINARY)) {
            load.connect(clients, cluster.webSockets(), options.quick() ? 30 : 100, 30, 30);
            double[] rates = !options.rates().isEmpty() ? options.rates().stream().mapToDouble(r -> r).toArray()
                : options.quick() ? new double[] {1_000, 2_000, 5_000}
                : new double[] {1_000, 2_000, 3_333, 5_000, 10_000, 15_000, 17_500, 20_000, 25_000};
            double seconds = options.quick() ? 4 : 10;
            // Four JVMs (two edges, the history service, the broker) compile their hot paths while they warm up, on
            // the same two cores as the load: measured cold, a step measures the compilers.
            // They compile again when the rate doubles (larger batches take other paths): warm at two rates.
            double[] warmRates = options.quick() ? new double[] {rates[0]} : WARM_UP_RATES;
            for (double warmRate : warmRates) {
                double rate = Math.min(warmRate, rates[rates.length - 1]);
                say("edge: warming up for %d s at %,.0f placements/s", options.quick() ? 8 : WARM_UP_SECONDS, rate);
                load.run(rate, options.quick() ? 8 : WARM_UP_SECONDS, 3_000, null);
            }
            ArrayNode steps = edge.putArray("ramp");
            double sustained = 0;
            for (double rate : rates) {
                load.run(rate, options.quick() ? 2 : 5, 3_000, null);
                Map<String, Double> before = cluster.cpuSeconds();
                LoadRun.Result result = load.run(rate, seconds, 3_000, null);
                Map<String, Double> after = cluster.cpuSeconds();
                double placed = result.committedPerSecond() * result.seconds();
                ObjectNode step = steps.addObject().put("rate", rate)
                    .put("committed_per_s", Math.round(result.committedPerSecond())).put("failed", result.failed());
                step.set("ack_ms", Benchmark.percentiles(result.ack()));
                step.set("visible_ms", Benchmark.percentiles(result.visible()));
                ObjectNode cpu = step.putObject("cpu_us_per_placement");
                StringBuilder text = new StringBuilder();
                for (String component : EdgeCluster.COMPONENTS) {
                    double micros = placed > 0 ? (after.get(component) - before.get(component)) * 1e6 / placed : 0;
                    cpu.put(component, Math.round(micros));
                    text.append(String.format(Locale.ROOT, " %s %.0f", component, micros));
                }
                step.set("errors", Benchmark.JSON.valueToTree(result.errors()));
                say("edge ramp %6.0f/s: %s | CPU µs per placement:%s%s", rate, result.summary(), text,
                    result.errors().isEmpty() ? "" : " | errors " + result.errors());
                boolean held = result.failed() == 0 && result.visible().getTotalCount() > 0
                    && result.visible().getValueAtPercentile(99) / 1000.0 <= VISIBLE_P99_LIMIT_MS
                    && result.committedPerSecond() >= 0.9 * rate;
                if (!held) {
                    break;
                }
                sustained = result.committedPerSecond();
            }
            edge.put("committed_per_s", Math.round(sustained));
            return sustained;
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
