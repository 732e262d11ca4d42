package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Idle WebSocket connections on one edge (seed 2 plans 100,000 a server at about 10 KB each): the edge's memory per
 * connection (heap and Netty's direct memory after a full GC, and resident size), and the time from a placement to
 * its arrival at each connection, the last of them included. As many as this machine's limit on open files allows
 * both the edge and this process to hold, up to 100,000.
 */
final class EdgeConnections {

    static final int TARGET = 100_000;
    private static final int MARKERS = 20;

    private final boolean quick;
    private final PrintWriter out;

    EdgeConnections(boolean quick, PrintWriter out) {
        this.quick = quick;
        this.out = out;
    }

    void run(EdgeCluster cluster, WsClients clients, ObjectNode edge) throws Exception {
        long limit = openFilesLimit();
        int count = (int) Math.min(quick ? 5_000 : TARGET, limit - 2_000);
        ObjectNode result = edge.putObject("connections").put("target", TARGET).put("measured", count)
            .put("open_files_limit", limit);
        if (count < TARGET && !quick) {
            result.put("why_fewer", "this machine allows each process " + limit + " open files (RLIMIT_NOFILE, "
                + "hard limit; not raisable here): the edge holds one per connection");
        }
        long pid = cluster.edgePid(0);
        String http = cluster.http(0);
        NodeMemory before = NodeMemory.read(pid, http);
        Arrivals arrivals = new Arrivals();
        AtomicLong canvases = new AtomicLong();
        List<Channel> channels = new ArrayList<>();
        URI ws = cluster.webSockets().get(0);
        List<CompletableFuture<Channel>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int client = i;
            batch.add(clients.connect(ws, null, (text, bytes, at) -> {
                if (text.startsWith("{\"type\":\"canvas\"")) {
                    canvases.incrementAndGet();
                } else if (text.startsWith("{\"type\":\"pixels\"")) {
                    arrivals.seen(client, text, at);
                }
            }));
            if (batch.size() == 500 || i == count - 1) {
                batch.forEach(connecting -> channels.add(connecting.join()));
                batch.clear();
            }
        }
        ConnectionCost.await(() -> canvases.get() >= count, 600, "every client's canvas");
        NodeMemory connected = NodeMemory.read(pid, http);
        Histogram delays = markers(http, count, arrivals);
        channels.forEach(Channel::close);
        ConnectionCost.await(() -> clientsOf(http) == 0, 120, "the edge to let every client go");
        NodeMemory after = NodeMemory.read(pid, http);
        result.setAll(connected.costOf(count, before, after));
        result.set("placement_to_every_client_ms", Benchmark.percentiles(delays));
        result.put("placement_to_last_client_max_ms", delays.getMaxValue() / 1000.0);
        out.println(String.format(Locale.ROOT, "edge: %,d idle WebSockets on one edge hold %s; a placement reaches "
                + "them all: p50 %.1f ms, p99 %.1f ms, the last %.1f ms", count,
            connected.costText(count, before, after), delays.getValueAtPercentile(50) / 1000.0,
            delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0));
        out.flush();
    }

    /** Places {@link #MARKERS} pixels, one at a time; each one's delay to every connection (µs). */
    private static Histogram markers(String http, int count, Arrivals arrivals) throws Exception {
        Histogram delays = new Histogram(60_000_000L, 3);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int marker = 0; marker < MARKERS; marker++) {
            int x = 900 + marker;
            arrivals.expect("\"x\":" + x + ",\"y\":999,");
            long sent = System.nanoTime();
            HttpResponse<String> placed = client.send(HttpRequest.newBuilder(URI.create(http + "/pixel"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":" + x + ",\"y\":999,\"color\":\"#FF4500\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (placed.statusCode() != 200) {
                throw new IllegalStateException("the marker placement failed: " + placed.body());
            }
            ConnectionCost.await(() -> arrivals.count() >= count, 60, "the marker at every client");
            for (long at : arrivals.times()) {
                delays.recordValue(Math.max(0, (at - sent) / 1_000));
            }
        }
        return delays;
    }

    private static int clientsOf(String http) {
        try {
            return (int) NodeMemory.sum(NodeMemory.get(http + "/metrics"), "distriplace_websocket_clients", "");
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** This process's soft limit on open files (the edge runs under the same). */
    static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 4_096;
        }
        return 4_096;
    }

    /** When each client saw the marker expected now. */
    private static final class Arrivals {
        private volatile String expected = "";
        private final ConcurrentHashMap<Integer, Long> seen = new ConcurrentHashMap<>();

        void expect(String marker) {
            seen.clear();
            expected = marker;
        }

        void seen(int client, String text, long at) {
            if (!expected.isEmpty() && text.contains(expected)) {
                seen.putIfAbsent(client, at);
            }
        }

        int count() {
            return seen.size();
        }

        List<Long> times() {
            return List.copyOf(seen.values());
        }
    }
}
