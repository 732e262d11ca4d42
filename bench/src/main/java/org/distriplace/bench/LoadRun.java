package org.distriplace.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.distriplace.core.api.GuestTokens;
import org.distriplace.core.net.ClusterSecret;

/**
 * Placing clients and observing clients connected to a cluster over WebSocket. {@link #run} offers placements at
 * a constant arrival rate (an open model: the sender never waits for answers) and measures each placement from its
 * <em>intended</em> send time, so queueing anywhere shows in the latency instead of slowing the load (no
 * coordinated omission): place→ack (the placer's {@code success}) and place→visible (the {@code pixels} batch
 * carrying it has reached every tracked observer).
 */
final class LoadRun implements AutoCloseable {

    /** What one step measured; latencies in microseconds. */
    record Result(double offeredPerSecond, double committedPerSecond, Histogram ack, Histogram visible, long failed,
                  long frames, long bytes, double seconds, long maxSuccessGapMs, Map<String, Long> errors) {

        String summary() {
            return String.format(Locale.ROOT, "offered %6.0f/s committed %6.0f/s failed %d | ack p50 %s p99 %s | "
                    + "visible p50 %s p99 %s max %s", offeredPerSecond, committedPerSecond, failed,
                ms(ack.getValueAtPercentile(50)), ms(ack.getValueAtPercentile(99)),
                ms(visible.getValueAtPercentile(50)), ms(visible.getValueAtPercentile(99)), ms(visible.getMaxValue()));
        }

        static String ms(long micros) {
            return String.format(Locale.ROOT, "%.1fms", micros / 1000.0);
        }
    }

    private static final String CANVAS = "{\"type\":\"canvas\"";
    private static final ClusterSecret BENCH_SECRET = new ClusterSecret(BenchCluster.SECRET);
    private static final Pattern REQUEST = Pattern.compile("\"requestId\":(\\d+)");
    private static final Pattern CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"x\":(\\d+),\"y\":(\\d+)");
    private static final String[] COLORS = {"#FF4500", "#2450A4", "#00A368", "#FFD635", "#811E9F", "#000000"};
    private static final int PIXELS = BenchCluster.SIZE * BenchCluster.SIZE;
    /** How long the sender sleeps at least: placements due meanwhile go out together when it wakes. */
    private static final long BURST_NANOS = 1_000_000;

    private final boolean binaryPixels;
    private final boolean spread;
    private final List<Channel> placers = new ArrayList<>();
    private final List<CompletableFuture<Channel>> connections = new ArrayList<>();
    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final long[] owner = new long[PIXELS];
    private int tracked;
    private long nextSequence = 1;
    private volatile Step step;
    private Step lastStep;
    private Map<String, String> lastErrorSamples = Map.of();

    /** Clients that take {@code pixels} as JSON text frames (the seed's form). */
    LoadRun() {
        this(false);
    }

    /** @param binaryPixels whether clients ask for binary {@code pixels} frames, as the browser page does */
    LoadRun(boolean binaryPixels) {
        this(binaryPixels, false);
    }

    /**
     * @param spread whether placements spread over the whole canvas (a sharded cluster's every shard gets its part)
     *               rather than fill it row by row, as the ramp's always have
     */
    LoadRun(boolean binaryPixels, boolean spread) {
        this.binaryPixels = binaryPixels;
        this.spread = spread;
    }

    /** The pixel placement {@code sequence} takes: one of its own for a million placements. */
    private int pixelOf(long sequence) {
        return (int) (spread ? Painter.pixel(sequence % PIXELS, PIXELS) : sequence % PIXELS);
    }

    /** One answer per error code from the last run, as the client received it. */
    Map<String, String> errorSamples() {
        return lastErrorSamples;
    }

    /** The placements of one run. */
    private static final class Step {
        final long firstSequence;
        final long[] intended;
        final AtomicLongArray acked;
        final AtomicIntegerArray seenBy;
        final int observers;
        final Histogram ack = new ConcurrentHistogram(60_000_000L, 3);
        final Histogram visible = new ConcurrentHistogram(60_000_000L, 3);
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> errors = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, String> samples = new java.util.concurrent.ConcurrentHashMap<>();

        Step(long firstSequence, int count, int observers) {
            this.firstSequence = firstSequence;
            this.intended = new long[count];
            this.acked = new AtomicLongArray(count);
            this.seenBy = new AtomicIntegerArray(count);
            this.observers = observers;
        }

        int indexOf(long sequence) {
            long index = sequence - firstSequence;
            return index >= 0 && index < intended.length ? (int) index : -1;
        }
    }

    /** Connects placers and observers, spread over {@code nodes}; the first {@code tracked} observers are timed. */
    void connect(WsClients clients, List<URI> nodes, int placerCount, int observerCount, int trackedCount)
        throws Exception {
        tracked = Math.min(trackedCount, observerCount);
        // A client is ready once its canvas arrived: measuring while nodes still stream canvases would time that.
        CountDownLatch canvases = new CountDownLatch(placerCount + observerCount);
        List<CompletableFuture<Channel>> joining = new ArrayList<>();
        List<URI> urls = nodes.stream().map(this::withFrames).toList();
        for (int i = 0; i < placerCount; i++) {
            // Distinct guests, signed with the bench cluster's secret as a node would sign them.
            String cookie = "dp_session=" + GuestTokens.sign(BENCH_SECRET, String.format(Locale.ROOT, "%016x", i + 1),
                System.currentTimeMillis() / 1000);
            joining.add(clients.connect(urls.get(i % urls.size()), cookie, (text, size, at) -> {
                if (text.startsWith(CANVAS)) {
                    canvases.countDown();
                } else {
                    onPlacerFrame(text, at);
                }
            }));
        }
        for (int i = 0; i < observerCount; i++) {
            if (i % 500 == 499) {
                // Connect in waves: the figure is about delivery, not about a SYN storm.
                CompletableFuture.allOf(joining.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            }
            joining.add(clients.connect(urls.get(i % urls.size()), null, new Observer(i < tracked, canvases)));
        }
        connections.addAll(joining);
        for (int i = 0; i < joining.size(); i++) {
            Channel channel = joining.get(i).get(60, TimeUnit.SECONDS);
            if (i < placerCount) {
                placers.add(channel);
            }
        }
        if (!canvases.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients did not all receive their canvas");
        }
    }

    /** Offers {@code rate} placements per second for {@code seconds}; waits for answers up to {@code graceMs}. */
    Result run(double rate, double seconds, long graceMs, Runnable midway) throws InterruptedException {
        int count = Math.max(1, (int) (rate * seconds));
        Step current = new Step(nextSequence, count, tracked);
        nextSequence += count;
        step = current;
        frames.reset();
        bytes.reset();
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + 10_000_000;
        boolean midwayDone = midway == null;
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            // Placements go out in bursts of what is due (at most a millisecond late): a sender that spun until
            // each one's time would take a core of the two. Each keeps its intended time, so latency is honest.
            waitUntil(due);
            if (!midwayDone && i >= count / 2) {
                midway.run();
                midwayDone = true;
            }
            long sequence = current.firstSequence + i;
            int pixel = pixelOf(sequence);
            owner[pixel] = sequence;
            current.intended[i] = due;
            Channel placer = placers.get(i % placers.size());
            if (placer.isActive()) {
                WsClients.send(placer, "{\"type\":\"place\",\"x\":" + pixel % BenchCluster.SIZE + ",\"y\":"
                    + pixel / BenchCluster.SIZE + ",\"color\":\"" + COLORS[(int) (sequence % COLORS.length)]
                    + "\",\"requestId\":" + sequence + "}");
            }
        }
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + graceMs * 1_000_000;
        while (System.nanoTime() < deadline && answered(current) < count) {
            Thread.sleep(20);
        }
        double elapsed = (Math.max(sendEnd, lastAck(current)) - start) / 1e9;
        long committed = committed(current);
        step = null;
        lastStep = current;
        Map<String, Long> errors = new java.util.TreeMap<>();
        current.errors.forEach((code, n) -> errors.put(code, n.sum()));
        long unanswered = count - committed - errors.values().stream().mapToLong(Long::longValue).sum();
        if (unanswered > 0) {
            errors.put("NO_ANSWER", unanswered);
        }
        lastErrorSamples = Map.copyOf(current.samples);
        return new Result(count / seconds, committed / elapsed, current.ack, current.visible,
            count - committed, frames.sum(), bytes.sum(), elapsed, maxSuccessGapMs(current), errors);
    }

    /**
     * Acknowledged placements of the last run whose pixel, on {@code canvas}, does not hold the colour placed
     * (every placement of a run has a pixel of its own, so nothing else may have overwritten it).
     */
    long lostFromLastRun(byte[] canvas, Map<String, Integer> paletteIndex) {
        Step checked = lastStep;
        long missing = 0;
        for (int i = 0; i < checked.intended.length; i++) {
            if (checked.acked.get(i) > 0) {
                long sequence = checked.firstSequence + i;
                int pixel = pixelOf(sequence);
                int expected = paletteIndex.get(COLORS[(int) (sequence % COLORS.length)]);
                if (owner[pixel] == sequence && (canvas[pixel] & 0xFF) != expected) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private void onPlacerFrame(String text, long at) {
        Step current = step;
        if (current == null) {
            return;
        }
        boolean success = text.startsWith("{\"type\":\"success\"");
        boolean error = text.startsWith("{\"type\":\"error\"");
        if (!success && !error) {
            return;
        }
        Matcher matcher = REQUEST.matcher(text);
        if (!matcher.find()) {
            return;
        }
        int index = current.indexOf(Long.parseLong(matcher.group(1)));
        if (index < 0) {
            return;
        }
        if (success && current.acked.compareAndSet(index, 0, at)) {
            current.ack.recordValue(Math.max(0, (at - current.intended[index]) / 1000));
        } else if (error) {
            current.failed.increment();
            Matcher code = CODE.matcher(text);
            String name = code.find() ? code.group(1) : "?";
            current.errors.computeIfAbsent(name, c -> new LongAdder()).increment();
            current.samples.putIfAbsent(name, text);
            current.acked.compareAndSet(index, 0, -1);
        }
    }

    /** An observing client: counts what it receives; a tracked one times the placements it sees. */
    private final class Observer implements WsClients.Listener {
        private final boolean timed;
        private final CountDownLatch canvases;

        Observer(boolean timed, CountDownLatch canvases) {
            this.timed = timed;
            this.canvases = canvases;
        }

        @Override
        public void onText(String text, int size, long at) {
            frames.increment();
            bytes.add(size);
            if (text.startsWith(CANVAS)) {
                canvases.countDown();
            } else if (timed && text.startsWith("{\"type\":\"pixels\"")) {
                onPixels(text, at);
            }
        }

        @Override
        public void onBinary(ByteBuf content, long at) {
            frames.increment();
            bytes.add(content.readableBytes());
            Step current = step;
            if (timed && current != null) {
                BinaryPixelFrames.pixels(content, pixel -> seen(current, pixel, at));
            }
        }
    }

    private URI withFrames(URI node) {
        return binaryPixels ? URI.create(node + "?pixels=binary") : node;
    }

    private void seen(Step current, int pixel, long at) {
        int index = current.indexOf(owner[pixel]);
        if (index >= 0 && current.seenBy.incrementAndGet(index) == current.observers) {
            current.visible.recordValue(Math.max(0, (at - current.intended[index]) / 1000));
        }
    }

    private void onPixels(String text, long at) {
        Step current = step;
        if (current == null) {
            return;
        }
        Matcher matcher = EVENT.matcher(text);
        while (matcher.find()) {
            int pixel = Integer.parseInt(matcher.group(2)) * BenchCluster.SIZE + Integer.parseInt(matcher.group(1));
            seen(current, pixel, at);
        }
    }

    private static long answered(Step step) {
        long answered = 0;
        for (int i = 0; i < step.intended.length; i++) {
            if (step.acked.get(i) != 0) {
                answered++;
            }
        }
        return answered;
    }

    private static long committed(Step step) {
        long committed = 0;
        for (int i = 0; i < step.intended.length; i++) {
            if (step.acked.get(i) > 0) {
                committed++;
            }
        }
        return committed;
    }

    private static long lastAck(Step step) {
        long last = 0;
        for (int i = 0; i < step.intended.length; i++) {
            last = Math.max(last, step.acked.get(i));
        }
        return last;
    }

    /** Disconnects every client of this run (so they do not weigh on the next). */
    @Override
    public void close() {
        for (CompletableFuture<Channel> connection : connections) {
            connection.thenAccept(Channel::close);
        }
    }

    /** The longest stretch, in the run, during which no placement's commit arrived at its client. */
    private static long maxSuccessGapMs(Step step) {
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < step.intended.length; i++) {
            if (step.acked.get(i) > 0) {
                arrivals.add(step.acked.get(i));
            }
        }
        return longestGapNanos(step.intended[0], step.intended[step.intended.length - 1], arrivals) / 1_000_000;
    }

    /**
     * The longest interval between consecutive events (and from {@code from} to the first, and from the last to
     * {@code to}); all of {@code from} if there are none.
     */
    static long longestGapNanos(long from, long to, List<Long> events) {
        List<Long> sorted = new ArrayList<>(events);
        sorted.sort(null);
        long previous = from;
        long gap = 0;
        for (long at : sorted) {
            gap = Math.max(gap, at - previous);
            previous = Math.max(previous, at);
        }
        return Math.max(gap, to - previous);
    }

    /** Returns once {@code due} has passed, sleeping in steps of {@link #BURST_NANOS} rather than spinning. */
    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.max(wait, BURST_NANOS));
        }
    }
}
