package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The placement benchmark's phases after the ramp, on the same cluster: fan-out (1,000, 5,000 and 10,000
 * observers while placements are made; 1,000 with {@code --quick}) and failover (the leader killed with SIGKILL
 * halfway through a run at the ramp's sustained rate).
 */
final class LoadPhases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FANOUT_PLACEMENTS_PER_S = 200;

    private final BenchCluster cluster;
    private final WsClients clients;
    private final Benchmark.Options options;
    private final PrintWriter out;

    LoadPhases(BenchCluster cluster, WsClients clients, Benchmark.Options options, PrintWriter out) {
        this.cluster = cluster;
        this.clients = clients;
        this.options = options;
        this.out = out;
    }

    private LoadRun load() {
        return new LoadRun(options.pixels() == Benchmark.PixelFrames.BINARY);
    }

    void fanOut(ObjectNode report, double ceiling) {
        ArrayNode levels = report.putArray("fanout");
        int[] observerCounts = options.quick() ? new int[] {1_000} : new int[] {1_000, 5_000, 10_000};
        for (int observers : observerCounts) {
            try (LoadRun load = load()) {
                fanOutLevel(levels, ceiling, observers, load);
            } catch (Exception failure) {
                levels.addObject().put("observers", observers).put("error", failure.toString());
                say("fan-out %5d observers: FAILED: %s", observers, failure);
            }
        }
    }

    private void fanOutLevel(ArrayNode levels, double ceiling, int observers, LoadRun load) throws Exception {
        double rssBefore = Benchmark.totalRss(cluster);
        load.connect(clients, Benchmark.nodes(cluster, 1, 2, 3), 10, observers, 20);
        // Resident memory grows and shrinks with the heap, so a small or negative delta only says "below noise".
        double perConnectionKiB = Math.max(0, (Benchmark.totalRss(cluster) - rssBefore) * 1024 / observers);
        double[] nodeCpu = Benchmark.cpu(cluster);
        long generatorCpu = Benchmark.generatorCpuNanos();
        LoadRun.Result result = load.run(FANOUT_PLACEMENTS_PER_S, options.quick() ? 4 : 8, 3_000, null);
        double framesPerSecond = result.frames() / result.seconds();
        double nodesSeconds = 0;
        double[] nodeCpuAfter = Benchmark.cpu(cluster);
        for (int i = 0; i < nodeCpu.length; i++) {
            nodesSeconds += nodeCpuAfter[i] - nodeCpu[i];
        }
        double nodesPercent = 100 * nodesSeconds / result.seconds();
        double generatorPercent = Benchmark.generatorPercent(generatorCpu, result.seconds());
        levels.addObject().put("observers", observers).put("placements_per_s", FANOUT_PLACEMENTS_PER_S)
            .put("frames_per_s", Math.round(framesPerSecond))
            .put("ratio_to_calibration", Math.round(framesPerSecond / ceiling * 1000) / 1000.0)
            .put("bytes_per_s", Math.round(result.bytes() / result.seconds()))
            .put("memory_per_connection_kib", Math.round(perConnectionKiB))
            .put("nodes_cpu_percent", Math.round(nodesPercent))
            .put("generator_cpu_percent", Math.round(generatorPercent))
            .set("visible_ms", Benchmark.percentiles(result.visible()));
        say("fan-out %5d observers: %,.0f frames/s (%.1f%% of calibration), %,.0f bytes/s, visible p99 %s, cpu: "
            + "nodes %.0f%%, generator %.0f%%, %s", observers, framesPerSecond, 100 * framesPerSecond / ceiling,
            result.bytes() / result.seconds(),
            LoadRun.Result.ms(result.visible().getValueAtPercentile(99)), nodesPercent, generatorPercent,
            perConnectionKiB < 1 ? "memory per connection below RSS noise"
                : String.format(Locale.ROOT, "~%.0f KiB/connection", perConnectionKiB));
    }

    /** Kills the leader halfway through a run at {@code rate} placements/s through the followers. */
    void failover(ObjectNode report, double rate) throws Exception {
        int leader = cluster.awaitLeader(Duration.ofSeconds(30));
        int[] followers = IntStream.rangeClosed(1, 3).filter(id -> id != leader).toArray();
        try (LoadRun load = load()) {
            load.connect(clients, Benchmark.nodes(cluster, followers), 20, 6, 6);
            LoadRun.Result result = load.run(rate, options.quick() ? 12 : 20, 15_000, () -> {
                try {
                    cluster.kill9(leader);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            cluster.awaitLeader(Duration.ofSeconds(30));
            byte[] canvas = agreedCanvas(followers);
            long lost = load.lostFromLastRun(canvas, paletteIndex(followers[0]));
            ObjectNode failover = report.putObject("failover").put("rate", rate)
                .put("unavailable_ms", result.maxSuccessGapMs()).put("lost", lost)
                .put("acknowledged", result.ack().getTotalCount()).put("failed", result.failed());
            failover.set("failures", JSON.valueToTree(result.errors()));
            failover.set("failure_samples", JSON.valueToTree(load.errorSamples()));
            say("failover: leader %d killed mid-run at %,.0f/s: writes unavailable for %,d ms, %d acknowledged "
                + "writes lost, %d placements failed %s", leader, rate, result.maxSuccessGapMs(), lost,
                result.failed(), result.errors());
        }
    }

    /** The canvas once the surviving nodes agree on it. */
    private byte[] agreedCanvas(int[] live) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String first = cluster.cluster(live[0]).path("stateHash").asText();
            boolean agree = true;
            for (int id : live) {
                agree &= first.equals(cluster.cluster(id).path("stateHash").asText());
            }
            if (agree) {
                return cluster.canvas(live[0]);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the surviving nodes did not converge");
    }

    private Map<String, Integer> paletteIndex(int id) throws Exception {
        var http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(URI.create(cluster.http(id)
            + "/api/v1/canvas/info")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Integer> index = new HashMap<>();
        var palette = JSON.readTree(body).path("palette");
        for (int i = 0; i < palette.size(); i++) {
            index.put(palette.get(i).asText(), i);
        }
        return index;
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
