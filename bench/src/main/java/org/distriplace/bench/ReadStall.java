package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Do reads stall writes? On a big, well-painted canvas (2000x2000, 120,000 painted pixels, batches every 50 ms),
 * {@code POST /pixel} latency is measured twice: idle, and while clients loop on {@code GET /canvas} and
 * {@code GET /api/v1/canvas}; on one node with four readers and on three nodes with eight. With a reference build
 * (an earlier jar), its nodes are measured the same way in the same run, side by side.
 */
final class ReadStall {

    /** One build's nodes, measured under one layout. */
    private record Setup(String build, String classPath, int nodes, int readers) {
    }

    static final int WIDTH = 2000;
    static final int HEIGHT = 2000;
    static final int PAINTED = 120_000;
    private static final List<String> NODE_OPTIONS = List.of("--batch-ms", "50");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean quick;
    private final String referenceClassPath;
    private final List<String> jvmOptions;
    private final PrintWriter out;

    /** @param referenceClassPath another build's jar to measure beside this one, or null */
    ReadStall(boolean quick, String referenceClassPath, List<String> jvmOptions, PrintWriter out) {
        this.quick = quick;
        this.referenceClassPath = referenceClassPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
    }

    /** Runs every setup and adds {@code "reads": [...]} to the report. */
    void run(ObjectNode report) throws Exception {
        ArrayNode results = report.putArray("reads");
        for (Setup setup : setups()) {
            results.add(measure(setup));
        }
    }

    private List<Setup> setups() {
        List<Setup> setups = new ArrayList<>();
        for (int[] shape : new int[][] {{1, 4}, {3, 8}}) {
            for (Build build : Build.compared(referenceClassPath)) {
                setups.add(new Setup(build.name(), build.classPath(), shape[0], shape[1]));
            }
        }
        return setups;
    }

    private ObjectNode measure(Setup setup) throws Exception {
        Path dir = Files.createTempDirectory("distri-place-reads");
        BenchCluster.Layout layout = new BenchCluster.Layout(setup.nodes(), WIDTH, HEIGHT, NODE_OPTIONS,
            setup.classPath());
        int painted = quick ? PAINTED / 4 : PAINTED;
        double seconds = quick ? 6 : 20;
        try (BenchCluster cluster = new BenchCluster(dir, jvmOptions, layout)) {
            cluster.startAll();
            long paintedAt = System.nanoTime();
            new Painter(cluster.webSocket(1), WIDTH, HEIGHT).paint(painted);
            say("%s, %d node(s): painted %,d pixels in %.1f s", setup.build(), setup.nodes(), painted,
                (System.nanoTime() - paintedAt) / 1e9);
            WriteProbe writes = new WriteProbe(cluster.http(1), WIDTH, HEIGHT);
            // Unmeasured warm-up of both paths, so the JIT has compiled them before anything is timed.
            try (Readers warm = Readers.start(readerTargets(cluster, setup.readers()))) {
                writes.run(20, quick ? 3 : 6);
            }
            Histogram idle = writes.run(20, seconds);
            Histogram loaded;
            Readers.Totals reads;
            double[] nodesBefore = cpu(cluster);
            double selfBefore = selfCpuSeconds();
            try (Readers readers = Readers.start(readerTargets(cluster, setup.readers()))) {
                loaded = writes.run(20, seconds);
                reads = readers.totals();
            }
            String cpu = cpuPercent(cluster, nodesBefore, seconds) + " load generator "
                + Math.round(100 * (selfCpuSeconds() - selfBefore) / seconds);
            ObjectNode result = JSON.createObjectNode().put("build", setup.build()).put("nodes", setup.nodes())
                .put("readers", setup.readers()).put("painted", painted)
                .put("reads_per_s", Math.round(reads.requests() / seconds))
                .put("read_mib_per_s", Math.round(reads.bytes() / seconds / (1 << 20)))
                .put("read_errors", reads.errors()).put("write_failures", writes.failed())
                .put("cpu_percent_while_reading", cpu);
            result.set("idle_ms", Reports.percentiles(idle));
            result.set("loaded_ms", Reports.percentiles(loaded));
            say("%s, %d node(s), %d readers: POST /pixel p50/p90/p99 idle %s, while reading %s (%.0f reads/s, "
                    + "%.0f MiB/s, %d read errors; CPU %% of a core: %s)", setup.build(), setup.nodes(),
                setup.readers(), line(idle), line(loaded), reads.requests() / seconds,
                reads.bytes() / seconds / (1 << 20), reads.errors(), cpu);
            return result;
        }
    }

    private static double[] cpu(BenchCluster cluster) {
        double[] seconds = new double[cluster.size()];
        for (int id = 1; id <= cluster.size(); id++) {
            seconds[id - 1] = cluster.cpuSeconds(id);
        }
        return seconds;
    }

    /** Each node's CPU over the interval, as "n1 57 n2 40 ...". */
    private static String cpuPercent(BenchCluster cluster, double[] before, double seconds) {
        StringBuilder text = new StringBuilder();
        for (int id = 1; id <= cluster.size(); id++) {
            text.append("n").append(id).append(' ')
                .append(Math.round(100 * (cluster.cpuSeconds(id) - before[id - 1]) / seconds)).append(' ');
        }
        return text.toString().trim();
    }

    /** CPU time this process (the load generator) has used, in seconds. */
    private static double selfCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Readers spread over the nodes, round robin. */
    private static List<String> readerTargets(BenchCluster cluster, int readers) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            targets.add(cluster.http(1 + i % cluster.size()));
        }
        return targets;
    }

    private static String line(Histogram micros) {
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f ms", micros.getValueAtPercentile(50) / 1000.0,
            micros.getValueAtPercentile(90) / 1000.0, micros.getValueAtPercentile(99) / 1000.0);
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
