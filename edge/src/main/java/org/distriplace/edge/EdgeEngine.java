package org.distriplace.edge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.engine.Engine;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.node.ReadSide;
import org.distriplace.core.read.ReadView;
import redis.clients.jedis.UnifiedJedis;

/**
 * Seed 2's engine behind the same API as a peer node: a stateless edge. A placement is one atomic step in Redis
 * (cooldown, canvas byte, order, outbox, publish: place.lua), then the Kafka log, and only then the player hears
 * success; the outbox keeps a placement Redis ordered until the log has it, and the {@link EdgeUpkeep} logs what an
 * edge left there (it died, or Kafka failed). Readers are served from the edge's {@link CanvasMirror}.
 */
public final class EdgeEngine implements Engine, AutoCloseable {

    private final EdgeSettings settings;
    private final int id;
    private final RedisCanvas redis;
    private final PlacementLog log;
    private final AccountStore accounts;
    private final ReadSide feed = new ReadSide();
    private final CanvasMirror mirror;
    private final PlacementFeed subscription;
    private final OutboxCleaner cleaner;
    private final Placer placer;
    private final ScheduledExecutorService upkeepThread;
    private final EdgeUpkeep upkeep;
    private final EdgeCounters counters = new EdgeCounters();

    private EdgeEngine(EdgeSettings settings, UnifiedJedis jedis, AccountStore accounts,
                       Supplier<RebuildStart> rebuildStart) {
        this.settings = settings;
        CanvasSettings canvas = settings.canvas();
        this.redis = new RedisCanvas(jedis, new CanvasBands(settings.namespace(), canvas.width(), canvas.height()));
        this.id = Math.toIntExact(jedis.incr(redis.bands().edgeCounter()));
        this.accounts = accounts;
        this.log = new PlacementLog(settings.kafka(), settings.topic(), "edge-" + id, System::currentTimeMillis);
        this.mirror = new CanvasMirror(redis, canvas, feed, accounts::current, counters);
        accounts.onChange(mirror::accountsChanged);
        this.subscription = new PlacementFeed(jedis, redis.bands().channel(), mirror);
        this.cleaner = new OutboxCleaner(redis);
        this.upkeepThread = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("edge-upkeep"));
        this.upkeep = new EdgeUpkeep(this, redis, log, settings, rebuildStart, counters);
        this.placer = new Placer(redis, log, cleaner, counters, canvas, () -> upkeepThread.execute(upkeep::keep));
    }

    /**
     * Connects to the services {@code settings} name, creates the placements topic if missing, and starts; if
     * Redis does not hold the canvas, it is rebuilt in the background while placements are refused (503).
     */
    public static EdgeEngine start(EdgeSettings settings, AccountStore accounts, Supplier<RebuildStart> rebuildStart)
        throws InterruptedException {
        if (settings.redis().isEmpty()) {
            throw new IllegalArgumentException("redis: an edge needs at least one Redis, redis://HOST:PORT");
        }
        PlacementLog.ensureTopic(settings.kafka(), settings.topic());
        UnifiedJedis jedis = RedisCanvas.connect(settings.redis(), 32);
        EdgeEngine engine = new EdgeEngine(settings, jedis, accounts, rebuildStart);
        engine.mirror.start();
        engine.subscription.start();
        // At once, then every second: while the canvas is being rebuilt the edge already answers, 503 and why.
        engine.upkeepThread.scheduleWithFixedDelay(engine.upkeep::keep, 0, 1, TimeUnit.SECONDS);
        return engine;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public CanvasSettings settings() {
        return settings.canvas();
    }

    /** What this edge counted, for its metrics. */
    public EdgeCounters counters() {
        return counters;
    }

    @Override
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CanvasSettings canvas = settings.canvas();
        if (x < 0 || y < 0 || x >= canvas.width() || y >= canvas.height()) {
            return refused(PlaceError.OUT_OF_BOUNDS, "(" + x + ", " + y + ") is outside the " + canvas.width() + "x"
                + canvas.height() + " canvas");
        }
        int index = canvas.palette().indexOf(color);
        if (index < 0) {
            return refused(PlaceError.BAD_COLOR, color.hex() + " is not in the palette");
        }
        if (accounts.current().isBanned(user)) {
            return refused(PlaceError.BANNED, user + " is banned by a moderator");
        }
        if (log.refusing()) {
            counters.refused.increment();
            return refused(PlaceError.NOT_READY, "the placement log (Kafka) is not answering ("
                + log.failure() + "); try again shortly");
        }
        return placer.submit(new RedisCanvas.Request(user, x, y, index, id));
    }

    private static CompletableFuture<PlaceResult> refused(PlaceError code, String message) {
        return CompletableFuture.failedFuture(new PlaceException(code, message));
    }

    @Override
    public CompletableFuture<AccountEntry> changeAccount(AccountChange change) {
        return accounts.change(change);
    }

    @Override
    public ReadView view() {
        return feed.view();
    }

    @Override
    public void addPixelListener(PixelListener listener) {
        feed.add(listener);
    }

    @Override
    public void removePixelListener(PixelListener listener) {
        feed.remove(listener);
    }

    @Override
    public CompletableFuture<EngineStatus> status() {
        return CompletableFuture.completedFuture(upkeep.status());
    }

    /** Whether this edge hears Redis' placements and its copy of the canvas is whole (for the status). */
    boolean hearing() {
        return subscription.subscribed() && mirror.whole();
    }

    /** Tells every edge's mirror that the canvas was rebuilt. */
    void announceRebuilt() {
        redis.redis().publish(redis.bands().channel(), CanvasMirror.REBUILT);
    }

    String accountsFailure() {
        return accounts.failure();
    }

    @Override
    public void close() {
        upkeepThread.shutdownNow();
        subscription.close();
        mirror.close();
        placer.close();
        log.close();
        cleaner.close();
        accounts.close();
        redis.close();
    }
}
