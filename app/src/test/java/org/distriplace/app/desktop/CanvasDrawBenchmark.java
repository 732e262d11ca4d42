package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.distriplace.app.desktop.canvas.CanvasPixels;
import org.distriplace.app.desktop.canvas.CanvasView;
import org.distriplace.app.desktop.canvas.FrameStats;
import org.distriplace.app.desktop.canvas.PixelFeed;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A benchmark, not a test (it asserts no timing): frames per second and FX-thread milliseconds per frame while
 * the canvas view draws a 2000×2000 canvas receiving 10,000 committed pixels per second. Skipped unless asked
 * for; see docs/benchmarks.md for the command.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "bench.desktop", matches = "true")
class CanvasDrawBenchmark {

    private static final int SIZE = 2000;
    private static final int UPDATES_PER_SECOND = 10_000;
    private static final Palette PALETTE = Palette.rPlace2022();

    private final PixelFeed feed = new PixelFeed(SIZE);
    private CanvasView view;

    @Start
    void start(Stage stage) {
        view = new CanvasView(new CanvasPixels(SIZE, SIZE, PALETTE), feed,
            () -> CompletableFuture.completedFuture(new byte[SIZE * SIZE]));
        stage.setScene(new Scene(view, 1200, 780));
        stage.show();
    }

    @Test
    void drawsTenThousandUpdatesPerSecondOnA2000By2000Canvas() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(running), "committed-pixels");
        producer.start();
        try {
            Thread.sleep(3_000);
            report("whole canvas in view", measure(10));
            WaitForAsyncUtils.asyncFx(() -> view.zoomAt(16, 600, 390)).get();
            report("zoomed in 16x (grid on)", measure(10));
        } finally {
            running.set(false);
            producer.join();
        }
    }

    @Test
    void idleMemoryOfTheAppWithA1000By1000Canvas(@org.junit.jupiter.api.io.TempDir Path dir)
        throws Exception {
        WaitForAsyncUtils.asyncFx(view::stop).get();
        NodeConfig config = NodeConfig.builder(1,
            List.of(1)).canvas(1000, 1000).build();
        try (EmbeddedNode node = EmbeddedNode.start(
            new EmbeddedNode.Settings(config, "127.0.0.1", 0, 0, List.of(),
                "bench", dir.resolve("node"), false), EventSink.NONE)) {
            NodePane pane = WaitForAsyncUtils.asyncFx(() -> {
                NodePane created = new NodePane(node.node(), node.browserUrl(), "bench");
                view.getScene().setRoot(created);
                return created;
            }).get();
            Thread.sleep(5_000);
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(500);
            }
            MemoryUsage heap = ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
            System.out.println(String.format(Locale.ROOT, "idle app with a 1000x1000 canvas: heap used %.1f MiB "
                + "after GC, resident %.0f MiB (this JVM also holds JUnit and TestFX)", heap.getUsed() / 1048576.0,
                residentMiB()));
            assertTrue(pane.canvas().pixels().width() == 1000, "the pane shows the node's canvas");
            WaitForAsyncUtils.asyncFx(pane::close).get();
        }
    }

    private static double residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** A measured interval: the view's own counters, and the CPU the FX and render threads used. */
    private record Interval(FrameStats.Snapshot frames, double fxCpuMs, double renderCpuMs, int seconds) {
    }

    private Interval measure(int seconds) throws InterruptedException {
        FrameStats.Snapshot before = view.frameStats().snapshot();
        long fxBefore = cpuNanos("JavaFX Application Thread");
        long renderBefore = cpuNanos("QuantumRenderer");
        Thread.sleep(seconds * 1_000L);
        FrameStats.Snapshot during = view.frameStats().snapshot().since(before);
        assertTrue(during.frames() > 0 && during.updates() > 0, "frames were drawn and updates applied");
        return new Interval(during, (cpuNanos("JavaFX Application Thread") - fxBefore) / 1e6,
            (cpuNanos("QuantumRenderer") - renderBefore) / 1e6, seconds);
    }

    /** CPU time of the live threads whose names start with {@code prefix}. */
    private static long cpuNanos(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static void report(String what, Interval interval) {
        FrameStats.Snapshot frames = interval.frames();
        String line = String.format(Locale.ROOT, "canvas %dx%d, %s: %.1f frames/s, %,d updates/s applied; per frame: "
                + "%.2f ms applying updates (worst since start %.2f), FX thread CPU %.2f ms, render thread CPU %.2f ms%n", SIZE,
            SIZE, what, frames.frames() / (double) interval.seconds(), frames.updates() / interval.seconds(),
            frames.meanMillisPerFrame(), frames.maxNanos() / 1e6, interval.fxCpuMs() / frames.frames(),
            interval.renderCpuMs() / frames.frames());
        System.out.println(line);
    }

    /** Commits random pixels at a steady 10,000 per second, as the node's thread would announce them. */
    private void produce(AtomicBoolean running) {
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        long counter = 0;
        while (running.get()) {
            // Every millisecond, whatever is due: steady without spinning a core the FX threads need.
            LockSupport.parkNanos(1_000_000);
            long due = (System.nanoTime() - start) * UPDATES_PER_SECOND / 1_000_000_000L;
            while (counter < due) {
                counter++;
                feed.committed(new PixelWrite(random.nextInt(SIZE), random.nextInt(SIZE),
                    PALETTE.color(random.nextInt(PALETTE.size())), "bench", 1, counter, counter, 1,
                    VectorClock.EMPTY.with(1, counter)), true);
            }
        }
    }
}
