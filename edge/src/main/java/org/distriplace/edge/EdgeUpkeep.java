package org.distriplace.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an edge checks once a second, on a thread of its own: whether Redis answers and holds the canvas (rebuilding
 * it from the log if not, one edge at a time under a lock), the outboxes' placements the log may not have (logged
 * again by one edge at a time), and the status {@code /readyz} and {@code /api/v1/cluster} report.
 */
final class EdgeUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeUpkeep.class);

    /** A placement still in an outbox this long after Redis ordered it was not logged by its edge: log it. */
    static final long OUTBOX_GRACE_MS = 10_000;
    static final long REBUILD_LOCK_MS = 300_000;
    static final long SWEEP_LOCK_MS = 30_000;
    private static final int SWEEP_BATCH = 2_000;

    private final EdgeEngine engine;
    private final RedisCanvas redis;
    private final PlacementLog log;
    private final EdgeSettings settings;
    private final Supplier<RebuildStart> rebuildStart;
    private final EdgeCounters counters;
    private final String owner = UUID.randomUUID().toString();
    private volatile EdgeStatus status;

    EdgeUpkeep(EdgeEngine engine, RedisCanvas redis, PlacementLog log, EdgeSettings settings,
               Supplier<RebuildStart> rebuildStart, EdgeCounters counters) {
        this.counters = counters;
        this.engine = engine;
        this.redis = redis;
        this.log = log;
        this.settings = settings;
        this.rebuildStart = rebuildStart;
        this.status = new EdgeStatus(engine.id(), "starting", false, false, false, "", "", settings,
            engine.view());
    }

    EdgeStatus status() {
        return status;
    }

    /** One round: never throws (the next round tries again). */
    synchronized void keep() {
        String redisProblem = "";
        boolean whole = false;
        boolean rebuilding = false;
        try {
            whole = redis.whole();
            if (!whole) {
                rebuilding = true;
                status = snapshot("", false, true);
                whole = rebuild();
                rebuilding = !whole;
            }
            if (whole) {
                sweep();
            }
        } catch (RuntimeException e) {
            redisProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        status = snapshot(redisProblem, whole, rebuilding);
    }

    private EdgeStatus snapshot(String redisProblem, boolean whole, boolean rebuilding) {
        return new EdgeStatus(engine.id(), redisProblem, whole, rebuilding, engine.hearing(), log.failure(),
            engine.accountsFailure(), settings, engine.view());
    }

    /** Rebuilds the canvas if this edge takes the lock; whether Redis holds it whole now. */
    private boolean rebuild() {
        if (!redis.tryLock(redis.bands().rebuildLock(), owner, REBUILD_LOCK_MS)) {
            return false;
        }
        try {
            if (redis.whole()) {
                return true;
            }
            // A canvas never painted is made blank at once; one Redis lost is rebuilt from the log.
            boolean lost = !LogReader.empty(settings.kafka(), settings.topic());
            if (lost) {
                // Placements the lost Redis ordered may still be on their way to the log: wait until each has
                // been logged or has failed, so the rebuild reads every one a player heard succeed.
                Thread.sleep(PlacementLog.DELIVERY_TIMEOUT_MS + 2_000L);
            }
            long started = System.nanoTime();
            CanvasRebuild.Summary summary = CanvasRebuild.run(redis, settings.kafka(), settings.topic(),
                settings.canvas(), rebuildStart.get());
            LOG.info("rebuilt the canvas in Redis from the log: {} placements read in {} ms", summary.placements(),
                (System.nanoTime() - started) / 1_000_000);
            if (lost) {
                counters.rebuilds.increment();
            }
            engine.announceRebuilt();
            return redis.whole();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            redis.unlock(redis.bands().rebuildLock(), owner);
        }
    }

    /** Logs the outboxes' old placements (their edge died, or Kafka failed), one edge at a time. */
    private void sweep() {
        if (log.refusing() || !redis.tryLock(redis.bands().sweepLock(), owner, SWEEP_LOCK_MS)) {
            return;
        }
        try {
            long before = redis.timeMs() - OUTBOX_GRACE_MS;
            for (int band = 0; band < redis.bands().count(); band++) {
                List<Placement> stale = redis.outbox(band, before, SWEEP_BATCH);
                if (stale.isEmpty()) {
                    continue;
                }
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                stale.forEach(placement -> sent.add(log.append(placement)));
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
                redis.logged(band, stale.stream().map(Placement::seq).toList());
                counters.swept.add(stale.size());
                LOG.info("logged {} placements of band {} that their edge had not", stale.size(), band);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("could not log the outbox's placements yet: {}", e.getMessage());
        } finally {
            redis.unlock(redis.bands().sweepLock(), owner);
        }
    }
}
