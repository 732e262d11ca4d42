package org.distriplace.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /pixel} at a constant arrival rate (an open model), each placement timed from its intended send time
 * to its answer, so a stalled node shows as latency rather than as fewer requests. Placements that fail count at
 * their latency too, and are counted apart.
 */
final class WriteProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI pixel;
    private final int width;
    private final int pixels;
    private final AtomicLong sequence = new AtomicLong(1_000_000_000L);
    private final AtomicLong failed = new AtomicLong();

    WriteProbe(String node, int width, int height) {
        this.pixel = URI.create(node + "/pixel");
        this.width = width;
        this.pixels = width * height;
    }

    /** Places {@code perSecond} pixels a second for {@code seconds}; returns latencies in microseconds. */
    Histogram run(double perSecond, double seconds) {
        Histogram latencies = new ConcurrentHistogram(60_000_000L, 3);
        long start = System.nanoTime();
        long count = Math.round(perSecond * seconds);
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * 1e9 / perSecond);
            LockSupport.parkNanos(intended - System.nanoTime());
            long at = Painter.pixel(sequence.getAndIncrement(), pixels);
            HttpRequest request = HttpRequest.newBuilder(pixel).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":" + at % width + ",\"y\":" + at / width
                    + ",\"color\":\"#FF4500\"}")).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                latencies.recordValue(Math.min(60_000_000L, (System.nanoTime() - intended) / 1_000));
                return null;
            }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        return latencies;
    }

    /** Placements that failed or were refused, over every run. */
    long failed() {
        return failed.get();
    }
}
