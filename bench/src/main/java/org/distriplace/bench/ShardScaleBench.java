package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A sharded cluster beside a one-shard one, in one run ({@code bench --phases shards}; issue 28): nine nodes with
 * {@code --shards 3x3} and three with one shard, each as separate processes on loopback, each under the same
 * placement rate through every node. Per node and per committed write: CPU, heap allocated, disk bytes written and
 * peer bytes sent; the heap in use at the end; and the share of the writes it ordered as a leader. The writes are the
 * load run's committed ones: every node of either cluster applies every write (a sharded node learns the shards it
 * is not a replica of), so the figures say what a node pays for the whole canvas.
 */
final class ShardScaleBench {

    /** One cluster to measure: how many nodes, and its {@code --shards}. */
    record Layout(int nodes, String shards) {
    }

    static final List<Layout> LAYOUTS = List.of(new Layout(3, "1x1"), new Layout(9, "3x3"));

    private final boolean quick;
    private final List<String> jvmOptions;
    private final PrintWriter out;

    ShardScaleBench(boolean quick, List<String> jvmOptions, PrintWriter out) {
        this.quick = quick;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
    }

    void run(ObjectNode report) throws Exception {
        double rate = quick ? 500 : 2_000;
        double seconds = quick ? 8 : 20;
        ArrayNode runs = report.putObject("shards").put("rate_per_second", rate).put("seconds", seconds)
            .putArray("clusters");
        say("shards: the same %.0f placements/s through every node of each cluster, %.0f s measured after a warm-up; "
            + "per node, per committed write", rate, seconds);
        for (Layout layout : LAYOUTS) {
            runs.add(measure(layout, rate, seconds));
        }
    }

    private ObjectNode measure(Layout layout, double rate, double seconds) throws Exception {
        Path dir = Files.createTempDirectory("distri-place-bench-shards");
        BenchCluster.Layout cluster = new BenchCluster.Layout(layout.nodes(), BenchCluster.SIZE, BenchCluster.SIZE,
            List.of("--shards", layout.shards(), "--replicas", "3"), System.getProperty("java.class.path"));
        try (BenchCluster nodes = new BenchCluster(dir, jvmOptions, cluster);
             WsClients clients = new WsClients(2);
             LoadRun load = new LoadRun(true, true)) {
            nodes.startAll();
            int[] ids = new int[layout.nodes()];
            for (int id = 1; id <= layout.nodes(); id++) {
                ids[id - 1] = id;
            }
            load.connect(clients, Benchmark.nodes(nodes, ids), 2 * layout.nodes(), layout.nodes(), layout.nodes());
            // Every shard elects, the JIT warms up, the stores settle: none of it is measured.
            load.run(rate, quick ? 6 : 15, 5_000, null);
            NodeCosts.Snapshot before = NodeCosts.take(nodes, layout.nodes());
            double[] peerBefore = counters(nodes, layout.nodes(), "distriplace_peer_sent_bytes_total");
            double[] ledBefore = counters(nodes, layout.nodes(), "distriplace_writes_led_total");
            LoadRun.Result result = load.run(rate, seconds, 5_000, null);
            NodeCosts.Snapshot after = NodeCosts.take(nodes, layout.nodes());
            double[] peerAfter = counters(nodes, layout.nodes(), "distriplace_peer_sent_bytes_total");
            double[] ledAfter = counters(nodes, layout.nodes(), "distriplace_writes_led_total");
            double writes = result.committedPerSecond() * seconds;
            ObjectNode row = Benchmark.JSON.createObjectNode().put("nodes", layout.nodes())
                .put("shards", layout.shards()).put("committed_per_second", result.committedPerSecond())
                .put("failed", result.failed());
            say("  %d nodes, shards %s: %.0f committed/s of %.0f offered, %d failed", layout.nodes(), layout.shards(),
                result.committedPerSecond(), result.offeredPerSecond(), result.failed());
            say("    node   CPU µs/write   heap B/write   disk B/write   peer B/write   heap used MiB   led");
            ArrayNode perNode = row.putArray("per_node");
            double led = 0;
            for (int i = 0; i < layout.nodes(); i++) {
                led += ledAfter[i] - ledBefore[i];
            }
            for (int i = 0; i < layout.nodes(); i++) {
                perNode.add(node(nodes, i, before, after, peerAfter[i] - peerBefore[i], ledAfter[i] - ledBefore[i],
                    led, writes));
            }
            return row;
        }
    }

    private ObjectNode node(BenchCluster nodes, int i, NodeCosts.Snapshot before, NodeCosts.Snapshot after,
                            double peerBytes, double led, double allLed, double writes) throws Exception {
        double per = Math.max(1, writes);
        double cpu = (after.cpuSeconds()[i] - before.cpuSeconds()[i]) * 1e6 / per;
        double heap = (after.allocatedBytes()[i] - before.allocatedBytes()[i]) / per;
        double disk = (after.diskBytes()[i] - before.diskBytes()[i]) / per;
        double used = NodeCosts.heapUsed(nodes.metrics(i + 1)) / (1 << 20);
        double share = allLed <= 0 ? 0 : led / allLed;
        say("    n%-4d %13.1f %14.0f %14.0f %14.0f %15.0f %5.1f%%", i + 1, cpu, heap, disk, peerBytes / per, used,
            100 * share);
        return Benchmark.JSON.createObjectNode().put("node", i + 1).put("cpu_micros_per_write", cpu)
            .put("heap_bytes_per_write", heap).put("disk_bytes_per_write", disk)
            .put("peer_bytes_per_write", peerBytes / per).put("heap_used_mib", used).put("share_led", share);
    }

    private static double[] counters(BenchCluster nodes, int count, String name) throws Exception {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = NodeCosts.counter(nodes.metrics(i + 1), name);
        }
        return values;
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
