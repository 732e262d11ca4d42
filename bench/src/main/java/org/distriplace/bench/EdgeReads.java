package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.distriplace.edge.stack.NginxFront;

/**
 * Canvas reads ({@code GET /api/v1/canvas}, the whole binary canvas) per second from a few looping readers:
 * straight from an edge, then through nginx's cache in front of both edges (what a CDN does for Reddit's canvas).
 */
final class EdgeReads {

    private static final int READERS = 8;

    private final boolean quick;
    private final PrintWriter out;

    EdgeReads(boolean quick, PrintWriter out) {
        this.quick = quick;
        this.out = out;
    }

    void run(EdgeCluster cluster, ObjectNode edge, Path dir) throws Exception {
        ObjectNode reads = edge.putObject("canvas_reads");
        double seconds = quick ? 3 : 10;
        measure(reads.putObject("straight"), cluster.http(0) + "/api/v1/canvas", seconds, "straight from an edge");
        if (!NginxFront.installed()) {
            reads.put("through_nginx", "skipped: nginx is not installed (apt-get install nginx)");
            return;
        }
        try (NginxFront nginx = NginxFront.inFrontOf(cluster.ports(), dir.resolve("nginx"))) {
            measure(reads.putObject("through_nginx_cache"), nginx.url("/api/v1/canvas"), seconds,
                "through nginx's cache");
        }
    }

    private void measure(ObjectNode result, String url, double seconds, String how) throws InterruptedException {
        LongAdder reads = new LongAdder();
        LongAdder bytes = new LongAdder();
        LongAdder hits = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Thread reader = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
                while (!stop.get()) {
                    try {
                        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() == 200) {
                            reads.increment();
                            bytes.add(answer.body().length);
                            if ("HIT".equals(answer.headers().firstValue("X-Cache").orElse(""))) {
                                hits.increment();
                            }
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "canvas-reader-" + i);
            reader.setDaemon(true);
            readers.add(reader);
        }
        long started = System.nanoTime();
        readers.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread reader : readers) {
            reader.join(15_000);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        result.put("reads_per_s", Math.round(reads.sum() / elapsed)).put("mib_per_s",
            Math.round(bytes.sum() / elapsed / (1 << 20))).put("readers", READERS)
            .put("cache_hit_share", reads.sum() == 0 ? 0 : Math.round(1000.0 * hits.sum() / reads.sum()) / 1000.0);
        out.println(String.format(Locale.ROOT, "edge: canvas reads %s: %,.0f/s (%,.0f MiB/s, %d readers%s)", how,
            reads.sum() / elapsed, bytes.sum() / elapsed / (1 << 20), READERS, hits.sum() == 0 ? ""
                : String.format(Locale.ROOT, ", %.0f%% cache hits", 100.0 * hits.sum() / reads.sum())));
        out.flush();
    }
}
