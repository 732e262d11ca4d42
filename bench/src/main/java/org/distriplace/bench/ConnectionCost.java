package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What a WebSocket connection costs a node (issue 16), on one node process of each build:
 * <ul>
 *   <li><b>idle</b>: 10,000 clients that read everything and say nothing (a 256x256 canvas, so delivering 10,000
 *   canvases takes seconds, not minutes: an idle connection holds no canvas once it has it);</li>
 *   <li><b>not reading</b>: 1,000 clients on a 2000x2000 canvas that stop reading right after the handshake, while
 *   pixels are placed at 200/s for 40 s (past the 30 s after which a stalled canvas is given up) and one more
 *   client reads along.</li>
 * </ul>
 * The node's memory is read after a full GC (heap and Netty's pooled direct memory) while the clients are
 * connected and again once they are gone: what a connection holds is the difference over the count. Resident size
 * is reported beside it (it also counts garbage not yet collected and heap the JVM keeps).
 */
final class ConnectionCost {

    private static final int IDLE_SIDE = 256;
    private static final int SIDE = 2000;
    private static final double PLACEMENTS_PER_S = 200;

    private final boolean quick;
    private final String referenceClassPath;
    private final List<String> jvmOptions;
    private final PrintWriter out;

    /** @param referenceClassPath another build's jar to measure beside this one, or null */
    ConnectionCost(boolean quick, String referenceClassPath, List<String> jvmOptions, PrintWriter out) {
        this.quick = quick;
        this.referenceClassPath = referenceClassPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
    }

    /** Measures each build and adds {@code "connections": [...]} to the report. */
    void run(ObjectNode report) throws Exception {
        ArrayNode results = report.putArray("connections");
        for (Build build : Build.compared(referenceClassPath)) {
            ObjectNode result = results.addObject().put("build", build.name());
            result.set("idle", idle(build.name(), build.classPath()));
            result.set("not_reading", notReading(build.name(), build.classPath()));
        }
    }

    private ObjectNode idle(String build, String classPath) throws Exception {
        int count = quick ? 2_000 : 10_000;
        try (BenchCluster cluster = node(classPath, IDLE_SIDE, "distri-place-idle");
             WsClients clients = new WsClients(2)) {
            NodeMemory before = NodeMemory.read(cluster, 1);
            AtomicLong canvases = new AtomicLong();
            List<Channel> channels = connect(clients, cluster, count, canvases);
            await(() -> canvases.get() >= count, 120, "every idle client's canvas");
            NodeMemory connected = NodeMemory.read(cluster, 1);
            long open = channels.stream().filter(Channel::isActive).count();
            NodeMemory after = disconnect(cluster, channels);
            say("%s: %,d idle connections (%,d still open when measured) hold %s; resident %.0f MiB before, "
                    + "%.0f MiB connected", build, count, open, connected.costText(count, before, after),
                before.rssMiB(), connected.rssMiB());
            return connected.costOf(count, before, after).put("clients", count).put("still_connected", open);
        }
    }

    private ObjectNode notReading(String build, String classPath) throws Exception {
        int count = quick ? 200 : 1_000;
        double seconds = quick ? 10 : 40;
        try (BenchCluster cluster = node(classPath, SIDE, "distri-place-not-reading");
             WsClients clients = new WsClients(2)) {
            NodeMemory before = NodeMemory.read(cluster, 1);
            AtomicLong readerPixels = new AtomicLong();
            Channel reader = clients.connect(cluster.webSocket(1), null, (text, bytes, at) -> {
                if (text.startsWith("{\"type\":\"pixels\"")) {
                    readerPixels.addAndGet(text.split("\"x\":", -1).length - 1);
                }
            }).join();
            List<Channel> stalled = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                stalled.add(clients.connectNotReading(cluster.webSocket(1)).join());
            }
            WriteProbe writes = new WriteProbe(cluster.http(1), SIDE, SIDE);
            // Measured while they are still attached (a stalled canvas is given up after 30 s), then again after.
            double peakRss = place(cluster, writes, seconds * 3 / 8, before.rssMiB());
            NodeMemory connected = NodeMemory.read(cluster, 1);
            // Counted by the node: a client that does not read never learns that it was cut off.
            double openThen = webSocketClients(cluster) - 1;
            // Per connection still attached when measured (those that joined first may be cut off already).
            int measured = (int) Math.max(1, Math.round(openThen));
            peakRss = place(cluster, writes, seconds * 5 / 8, peakRss);
            long placed = Math.round(PLACEMENTS_PER_S * seconds) - writes.failed();
            await(() -> readerPixels.get() >= placed, 30, "the reader's pixels");
            double open = webSocketClients(cluster) - 1;
            double cutOff = NodeMemory.sum(NodeMemory.metrics(cluster, 1),
                "distriplace_websocket_slow_disconnects_total{", "node=");
            stalled.add(reader);
            NodeMemory after = disconnect(cluster, stalled);
            say("%s: %,d clients that never read, %,.0f placements/s: after %.0f s, %,.0f still connected, holding "
                    + "%s; after %.0f s, %,.0f still connected (%,.0f cut off); resident %.0f MiB before, peak %.0f "
                    + "MiB; the reader got %,d of %,d pixels", build, count, PLACEMENTS_PER_S, seconds * 3 / 8,
                openThen, connected.costText(measured, before, after), seconds, open, cutOff, before.rssMiB(),
                peakRss, readerPixels.get(), placed);
            return connected.costOf(measured, before, after).put("clients", count).put("placed", placed)
                .put("measured_after_s", seconds * 3 / 8).put("open_when_measured", openThen)
                .put("reader_received", readerPixels.get()).put("still_connected_at_end", open)
                .put("cut_off", cutOff).put("rss_mib_peak", Math.round(peakRss));
        }
    }

    /** Places pixels at the steady rate for {@code seconds}; returns the node's peak resident size meanwhile. */
    private static double place(BenchCluster cluster, WriteProbe writes, double seconds, double peakRss)
        throws InterruptedException {
        CompletableFuture<?> placing = CompletableFuture.runAsync(() -> writes.run(PLACEMENTS_PER_S, seconds));
        while (!placing.isDone()) {
            peakRss = Math.max(peakRss, cluster.rssMiB(1));
            Thread.sleep(500);
        }
        placing.join();
        return peakRss;
    }

    /** The WebSocket clients node 1 counts. */
    private static double webSocketClients(BenchCluster cluster) throws Exception {
        return NodeMemory.sum(NodeMemory.metrics(cluster, 1), "distriplace_websocket_clients{", "node=");
    }

    /** Closes the clients, waits until the node has let go of them all, and reads its memory again. */
    private static NodeMemory disconnect(BenchCluster cluster, List<Channel> channels) throws Exception {
        channels.forEach(Channel::close);
        await(() -> {
            try {
                return webSocketClients(cluster) == 0;
            } catch (Exception e) {
                return false;
            }
        }, 60, "the node to let every client go");
        return NodeMemory.read(cluster, 1);
    }

    private BenchCluster node(String classPath, int side, String name) throws Exception {
        Path dir = Files.createTempDirectory(name);
        BenchCluster cluster = new BenchCluster(dir, jvmOptions, new BenchCluster.Layout(1, side, side,
            List.of(), classPath));
        cluster.startAll();
        return cluster;
    }

    private static List<Channel> connect(WsClients clients, BenchCluster cluster, int count, AtomicLong canvases) {
        List<Channel> channels = new ArrayList<>();
        List<CompletableFuture<Channel>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(clients.connect(cluster.webSocket(1), null, (text, bytes, at) -> {
                if (text.startsWith("{\"type\":\"canvas\"")) {
                    canvases.incrementAndGet();
                }
            }));
            if (batch.size() == 200 || i == count - 1) {
                batch.forEach(connecting -> channels.add(connecting.join()));
                batch.clear();
            }
        }
        return channels;
    }

    static void await(BooleanSupplier condition, int seconds, String what)
        throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
