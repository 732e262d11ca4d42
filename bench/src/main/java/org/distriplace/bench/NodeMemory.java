package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A node process's memory after a full GC ({@code jcmd GC.run}): heap in use and Netty's pooled direct memory
 * (from its {@code /metrics}; NaN where a build does not report them), and resident size (from /proc).
 */
record NodeMemory(double heapMiB, double nettyDirectMiB, double rssMiB) {

    /** A node's {@code /metrics} text. */
    static String metrics(BenchCluster cluster, int id) throws IOException, InterruptedException {
        return get(cluster.http(id) + "/metrics");
    }

    /** The body of {@code url}'s answer. */
    static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1 << 20;

    /** Collects node {@code id}'s garbage, lets it settle, and reads its memory. */
    static NodeMemory read(BenchCluster cluster, int id) throws IOException, InterruptedException {
        return read(cluster.pid(id), cluster.http(id));
    }

    /** Collects the garbage of the server {@code pid} (serving on {@code http}), lets it settle, reads its memory. */
    static NodeMemory read(long pid, String http) throws IOException, InterruptedException {
        for (int gc = 0; gc < 2; gc++) {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
        }
        Thread.sleep(1_000);
        String metrics = get(http + "/metrics");
        return new NodeMemory(sum(metrics, "jvm_memory_used_bytes{", "area=\"heap\"") / MIB,
            sum(metrics, "netty_allocator_memory_used{", "memory_type=\"direct\"") / MIB, ProcessStats.rssMiB(pid));
    }

    /** The sum of a metric's series whose labels include {@code label}; NaN when there is none. */
    static double sum(String metrics, String series, String label) {
        double total = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    /**
     * What {@code count} connections held, as a report entry, per connection in KiB: heap is this (while connected)
     * less {@code after} (the same node once they were gone); Netty's pooled direct memory is this less
     * {@code before} them, since the pool keeps what it grew to.
     */
    ObjectNode costOf(int count, NodeMemory before, NodeMemory after) {
        ObjectNode cost = JSON.createObjectNode();
        cost.put("connections_measured", count)
            .put("heap_kib_per_connection", perConnectionKiB(heapMiB, after.heapMiB, count))
            .put("netty_direct_kib_per_connection", perConnectionKiB(nettyDirectMiB, before.nettyDirectMiB, count))
            .put("heap_mib_connected", round(heapMiB)).put("heap_mib_after", round(after.heapMiB))
            .put("netty_direct_mib_before", round(before.nettyDirectMiB))
            .put("netty_direct_mib_connected", round(nettyDirectMiB))
            .put("rss_mib_before", round(before.rssMiB)).put("rss_mib_connected", round(rssMiB))
            .put("rss_kib_per_connection", perConnectionKiB(rssMiB, before.rssMiB, count));
        return cost;
    }

    /** What {@code count} connections held (as {@link #costOf}), as text. */
    String costText(int count, NodeMemory before, NodeMemory after) {
        return String.format(Locale.ROOT, "heap %.1f KiB + Netty direct %.1f KiB per connection (resident %.1f KiB)",
            perConnectionKiB(heapMiB, after.heapMiB, count), perConnectionKiB(nettyDirectMiB, before.nettyDirectMiB,
                count), perConnectionKiB(rssMiB, before.rssMiB, count));
    }

    private static double perConnectionKiB(double afterMiB, double beforeMiB, int connections) {
        return round((afterMiB - beforeMiB) * 1024 / connections);
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
    }
}
