package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.core.history.SnapshotStore;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.model.Palette;
import org.distriplace.core.store.SqliteChunkSource;

/**
 * The history benchmark (issue 14): a node whose data directory holds a long evening (1,000,000 placements on a
 * 1000x1000 canvas; 200,000 with {@code --quick}) answers {@code snapshot?time=} at random moments, {@code
 * history/pixel} at random pixels, and a 300-frame timelapse of the whole canvas, over HTTP from this process; then
 * {@code POST /pixel} latency is measured idle and while timelapses are exported back to back. The reference for the
 * snapshots: the same moments rebuilt from the log alone, in this process, before the node starts.
 */
final class HistoryBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = BenchCluster.SIZE;

    private final boolean quick;
    private final List<String> jvmOptions;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(41);

    HistoryBench(boolean quick, List<String> jvmOptions, PrintWriter out) {
        this.quick = quick;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
    }

    /** Writes the history, starts a node on it, measures, and adds {@code "history": {...}} to the report. */
    void run(ObjectNode report) throws Exception {
        ObjectNode result = report.putObject("history");
        Path dir = Files.createTempDirectory("distri-place-history");
        long placements = quick ? 200_000 : 1_000_000;
        HistoryData.Written written = HistoryData.write(dir.resolve("node-1"), SIZE, SIZE, placements, 3);
        result.put("placements", placements).put("canvas", SIZE + "x" + SIZE).put("hours", 3)
            .put("write_seconds", round(written.seconds()))
            .put("file_bytes_per_placement", round((double) written.fileBytes() / placements))
            .put("history_bytes_per_placement", round((double) written.historyBytes() / placements));
        say("history: wrote %,d placements in %.1f s; on disk %.1f bytes a placement (the database file), %.1f in the "
                + "history's chunks and users", placements, written.seconds(),
            (double) written.fileBytes() / placements, (double) written.historyBytes() / placements);
        Histogram replay = replayFromTheLog(dir.resolve("node-1"), written, quick ? 5 : 20);
        result.set("replay_without_snapshots_ms", Reports.percentiles(replay));
        say("history: the canvas at a random moment rebuilt from the log alone (no snapshots; in this process): %s",
            line(replay));
        BenchCluster.Layout layout = new BenchCluster.Layout(1, SIZE, SIZE, List.of(),
            System.getProperty("java.class.path"));
        try (BenchCluster node = new BenchCluster(dir, jvmOptions, layout)) {
            node.startAll();
            String base = node.http(1) + "/api/v1/history/";
            long waited = awaitSnapshots(base);
            result.put("snapshots_kept", snapshotsKept(base)).put("snapshots_computed_in_s", waited)
                .put("snapshot_cache_bytes", cacheBytes(dir.resolve("node-1")));
            snapshots(base, written, 50); // unmeasured warm-ups: the node's JIT compiles the paths first
            pixels(base, 2_000);
            Histogram snapshot = snapshots(base, written, quick ? 200 : 1_000);
            Histogram pixel = pixels(base, quick ? 2_000 : 10_000);
            result.set("snapshot_ms", Reports.percentiles(snapshot));
            result.set("pixel_ms", Reports.percentiles(pixel));
            say("history: %d snapshots kept (computed in %d s, %,d bytes of cache); snapshot?time= %s; history/pixel "
                + "%s", snapshotsKept(base), waited, cacheBytes(dir.resolve("node-1")), line(snapshot), line(pixel));
            timelapse(base, result);
            exportVersusCommits(node, base, result);
        }
    }

    private Histogram snapshots(String base, HistoryData.Written written, int count) throws Exception {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < count; i++) {
            long ms = written.firstMs() + (long) (random.nextDouble() * (written.lastMs() - written.firstMs()));
            long started = System.nanoTime();
            HttpResponse<byte[]> response = get(base + "snapshot?time=" + Instant.ofEpochMilli(ms));
            micros.recordValue((System.nanoTime() - started) / 1_000);
            check(response, SIZE * SIZE);
        }
        return micros;
    }

    /** The reference: the past rebuilt by replaying the log from the first placement, as with no snapshots. */
    private Histogram replayFromTheLog(Path dataDir, HistoryData.Written written, int count) {
        Histogram micros = new Histogram(60_000_000L, 3);
        try (SqliteChunkSource chunks = SqliteChunkSource.open(dataDir)) {
            TimeMachine machine = new TimeMachine(chunks, new NoSnapshots(), SIZE, SIZE, Palette.rPlace2022());
            for (int i = 0; i < count; i++) {
                long ms = written.firstMs() + (long) (random.nextDouble() * (written.lastMs() - written.firstMs()));
                long started = System.nanoTime();
                machine.at(Hlc.pack(ms, Hlc.LOGICAL_MASK));
                micros.recordValue((System.nanoTime() - started) / 1_000);
            }
        }
        return micros;
    }

    /** No snapshots kept: every moment is replayed from the start. */
    private static final class NoSnapshots implements SnapshotStore {
        @Override
        public Optional<PastCanvas> floor(long time) {
            return Optional.empty();
        }

        @Override
        public List<Long> times() {
            return List.of();
        }

        @Override
        public void put(PastCanvas snapshot) {
        }

        @Override
        public void dropFrom(long time) {
        }

        @Override
        public void delete(Collection<Long> times) {
        }
    }

    private Histogram pixels(String base, int count) throws Exception {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = get(base + "pixel?x=" + random.nextInt(SIZE) + "&y="
                + random.nextInt(SIZE));
            micros.recordValue((System.nanoTime() - started) / 1_000);
            check(response, -1);
        }
        return micros;
    }

    /**
     * Waits until the keeper has caught up: the snapshots kept stop changing for three of its rounds (it computes 64
     * a round, every 5 s, and thins as it goes); returns how long that took.
     */
    private long awaitSnapshots(String base) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(10).toNanos();
        int kept = -1;
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = snapshotsKept(base);
            if (now != kept || now == 0) {
                kept = now;
                steadySince = System.nanoTime();
            } else if (System.nanoTime() - steadySince > Duration.ofSeconds(16).toNanos()) {
                break;
            }
            Thread.sleep(500);
        }
        return Math.round((steadySince - started) / 1e9);
    }

    /** The snapshot cache's files on disk. */
    private static long cacheBytes(Path dataDir) throws java.io.IOException {
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path file = dataDir.resolve("history-snapshots.db" + suffix);
            bytes += Files.exists(file) ? Files.size(file) : 0;
        }
        return bytes;
    }

    private int snapshotsKept(String base) throws Exception {
        return JSON.readTree(get(base + "range").body()).path("snapshots").asInt();
    }

    private void timelapse(String base, ObjectNode result) throws Exception {
        int frames = 300;
        long started = System.nanoTime();
        HttpResponse<byte[]> gif = get(base + "timelapse?frames=" + frames + "&fps=30");
        double seconds = (System.nanoTime() - started) / 1e9;
        check(gif, -1);
        result.putObject("timelapse").put("frames", frames).put("seconds", round(seconds))
            .put("frames_per_s", round(frames / seconds)).put("gif_bytes", gif.body().length);
        say("history: a %d-frame timelapse of the whole canvas in %.1f s (%.0f frames/s), %,d bytes of GIF", frames,
            seconds, frames / seconds, gif.body().length);
    }

    /** {@code POST /pixel} at 100/s: idle, then while timelapses are exported back to back from the same node. */
    private void exportVersusCommits(BenchCluster node, String base, ObjectNode result) throws Exception {
        WriteProbe writes = new WriteProbe(node.http(1), SIZE, SIZE);
        double seconds = quick ? 6 : 20;
        writes.run(100, quick ? 3 : 6); // unmeasured warm-up
        Histogram idle = writes.run(100, seconds);
        AtomicBoolean exporting = new AtomicBoolean(true);
        AtomicLong exported = new AtomicLong();
        Thread exporter = new Thread(() -> {
            while (exporting.get()) {
                try {
                    if (get(base + "timelapse?frames=300&fps=30").statusCode() == 200) {
                        exported.incrementAndGet();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }, "bench-exporter");
        exporter.start();
        Histogram loaded;
        try {
            loaded = writes.run(100, seconds);
        } finally {
            exporting.set(false);
            exporter.join(120_000);
        }
        ObjectNode commits = result.putObject("commits_while_exporting");
        commits.put("rate", 100).put("seconds", seconds).put("timelapses_exported", exported.get())
            .put("failed", writes.failed());
        commits.set("idle_ms", Reports.percentiles(idle));
        commits.set("exporting_ms", Reports.percentiles(loaded));
        say("history: POST /pixel at 100/s p50/p90/p99: idle %s, while exporting %s (%d timelapses, %d failed)",
            line(idle), line(loaded), exported.get(), writes.failed());
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void check(HttpResponse<byte[]> response, int length) {
        if (response.statusCode() != 200 || (length >= 0 && response.body().length != length)) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + " with "
                + response.body().length + " bytes" + (response.statusCode() == 200 ? ""
                : ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private static String line(Histogram micros) {
        return String.format(Locale.ROOT, "p50 %.1f / p90 %.1f / p99 %.1f / max %.1f ms (%d)",
            micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
            micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
