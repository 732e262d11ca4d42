package org.distriplace.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.ReadSide;
import org.distriplace.core.read.Accounts;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An edge's copy of the canvas, which its readers and WebSocket clients are served from: loaded band by band from
 * Redis, then kept up to date by the placements Redis publishes, applied in order on one thread of its own. Pub/Sub
 * delivers at most once, so a gap in a band's sequence, a lost subscription or a backlog it cannot hold makes it
 * load the canvas again; it never holds more than {@link #MAX_BACKLOG} placements waiting.
 */
final class CanvasMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CanvasMirror.class);

    /** Placements waiting past this many: the mirror drops them and loads the canvas again. */
    static final int MAX_BACKLOG = 200_000;

    /** Published on the placements' channel by the edge that rebuilt the canvas: every mirror loads it again. */
    static final byte[] REBUILT = "rebuilt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** While the canvas is not whole, the mirror looks again this often. */
    static final long RETRY_MS = 1_000;

    /** The least time between two views published (the live clients' tick is 50 ms). */
    private static final long GATHER_NANOS = 10_000_000;

    /** A message for the mirror's thread: a placement's bytes, or one of these. */
    private static final byte[] RELOAD = new byte[0];
    private static final byte[] REPUBLISH = new byte[0];

    private final EdgeCounters counters;
    private final RedisCanvas redis;
    private final CanvasSettings settings;
    private final ReadSide feed;
    private final Supplier<Accounts> accounts;
    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final byte[] pixels;
    private final long[] seqs;
    private CanvasImage image;
    private long lastPublishedNanos = System.nanoTime() - GATHER_NANOS;
    private volatile boolean whole;
    private volatile boolean closed;

    CanvasMirror(RedisCanvas redis, CanvasSettings settings, ReadSide feed, Supplier<Accounts> accounts,
                 EdgeCounters counters) {
        this.counters = counters;
        this.redis = redis;
        this.settings = settings;
        this.feed = feed;
        this.accounts = accounts;
        this.pixels = new byte[settings.width() * settings.height()];
        this.seqs = new long[redis.bands().count()];
        this.image = CanvasImage.blank(settings.width(), settings.height(), settings.palette());
        feed.publish(view());
        this.thread = new Thread(this::run, "edge-mirror");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A placement published by Redis (called on the subscriber's thread). */
    void received(byte[] message) {
        if (java.util.Arrays.equals(message, REBUILT)) {
            inbox.add(RELOAD);
            return;
        }
        if (inbox.size() >= MAX_BACKLOG) {
            LOG.warn("the canvas mirror fell {} placements behind Redis: it drops them and loads the canvas again",
                MAX_BACKLOG);
            inbox.clear();
            inbox.add(RELOAD);
            return;
        }
        inbox.add(message);
    }

    /** The subscription (re)started: what was published meanwhile is lost, so load everything again. */
    void reload() {
        inbox.add(RELOAD);
    }

    /** The accounts changed: publish a view that holds them. */
    void accountsChanged() {
        inbox.add(REPUBLISH);
    }

    /** Whether the mirror holds the whole canvas (false until loaded, and while Redis has lost it). */
    boolean whole() {
        return whole;
    }

    private void run() {
        List<byte[]> batch = new ArrayList<>();
        while (!closed) {
            try {
                byte[] first = inbox.poll(whole ? 1_000 : RETRY_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!whole) {
                        load("the canvas is not whole yet");
                    }
                    continue;
                }
                // Placements that come close together are published as one view: each view copies the bands it
                // changed, so one per placement would copy far more than the placements themselves.
                LockSupport.parkNanos(lastPublishedNanos + GATHER_NANOS - System.nanoTime());
                batch.add(first);
                inbox.drainTo(batch, 10_000);
                handle(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Redis went away mid-load: try again shortly (the subscriber reconnects and asks to reload too).
                LOG.warn("the canvas mirror could not load the canvas: {}", e.getMessage());
                whole = false;
                inbox.add(RELOAD);
                sleepQuietly();
            } finally {
                batch.clear();
            }
        }
    }

    private void handle(List<byte[]> batch) {
        List<PixelWrite> applied = new ArrayList<>();
        boolean[] changedBands = new boolean[image.bandCount()];
        boolean republish = false;
        for (byte[] message : batch) {
            if (message == RELOAD) {
                load("asked to (start, new subscription, rebuilt canvas or backlog)");
                return;
            }
            if (message == REPUBLISH) {
                republish = true;
                continue;
            }
            Placement placement = Placement.decode(message).orElse(null);
            if (placement == null || !fits(placement) || placement.seq() <= seqs[placement.band()]) {
                continue;
            }
            if (placement.seq() != seqs[placement.band()] + 1) {
                // A placement was lost on the way: this band (and so the view) can no longer be trusted.
                load("band " + placement.band() + " skipped from " + seqs[placement.band()] + " to "
                    + placement.seq());
                return;
            }
            seqs[placement.band()] = placement.seq();
            pixels[placement.y() * settings.width() + placement.x()] = (byte) placement.color();
            changedBands[image.bandOf(placement.y())] = true;
            applied.add(placement.write(settings.palette()));
        }
        if (applied.isEmpty() && !republish) {
            return;
        }
        publish(changedBands);
        for (PixelWrite write : applied) {
            feed.committed(write, true);
        }
    }

    private boolean fits(Placement placement) {
        return placement.band() >= 0 && placement.band() < seqs.length && placement.x() >= 0
            && placement.x() < settings.width() && placement.y() >= 0 && placement.y() < settings.height()
            && placement.color() >= 0 && placement.color() < settings.palette().colors().size();
    }

    /** Loads every band from Redis; the canvas is whole only if Redis holds them all. */
    private void load(String why) {
        counters.mirrorLoads.increment();
        LOG.info("loading the whole canvas from Redis: {}", why);
        inbox.removeIf(message -> message == RELOAD);
        CanvasBands bands = redis.bands();
        boolean complete = true;
        for (int band = 0; band < bands.count(); band++) {
            RedisCanvas.Band held = redis.band(band);
            if (held.pixels() == null || held.pixels().length != bands.rows(band) * settings.width()) {
                // Redis lost this band: whatever it orders next follows the rebuilt log, not what was shown.
                complete = false;
                seqs[band] = 0;
                continue;
            }
            System.arraycopy(held.pixels(), 0, pixels, bands.firstRow(band) * settings.width(),
                held.pixels().length);
            seqs[band] = held.seq();
        }
        whole = complete;
        boolean[] every = new boolean[image.bandCount()];
        java.util.Arrays.fill(every, true);
        publish(every);
        feed.reloaded();
    }

    private void publish(boolean[] changedBands) {
        byte[][] changed = new byte[image.bandCount()][];
        for (int band = 0; band < changed.length; band++) {
            if (changedBands[band]) {
                int first = image.firstRow(band);
                int rows = Math.min(image.bandRows(), image.height() - first);
                changed[band] = java.util.Arrays.copyOfRange(pixels, first * settings.width(),
                    (first + rows) * settings.width());
            }
        }
        image = image.withBands(changed);
        feed.publish(view());
        lastPublishedNanos = System.nanoTime();
    }

    private ReadView view() {
        java.util.Map<Integer, Long> version = new java.util.HashMap<>();
        long total = 0;
        long hash = 0xcbf29ce484222325L;
        for (int band = 0; band < seqs.length; band++) {
            version.put(band + 1, seqs[band]);
            total += seqs[band];
            hash = (hash ^ seqs[band]) * 0x100000001b3L;
        }
        return new ReadView(image, VectorClock.of(version), String.format("%016x", hash), total,
            PlacementTimes.EMPTY, settings.cooldownMs(), accounts.get());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
