package org.distriplace.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;

/**
 * An edge's placements on their way: queued (at most {@link #QUEUE}; more are refused, so no client grows the
 * queue without end), taken by a few threads a batch at a time, each batch ordered by Redis in one round trip (each
 * placement still its own atomic script), then each placed one appended to the log; its player hears success when
 * the log has it.
 */
final class Placer implements AutoCloseable {

    /** Placements waiting for Redis beyond this many are refused. */
    static final int QUEUE = 4_096;
    /** At most this many placements go to Redis in one round trip. */
    static final int BATCH = 256;
    private static final int THREADS = 2;

    /** A placement waiting: what was asked, when, and who waits for the answer. */
    private record Pending(RedisCanvas.Request request, long startedNanos, CompletableFuture<PlaceResult> result) {
    }

    private final RedisCanvas redis;
    private final PlacementLog log;
    private final OutboxCleaner cleaner;
    private final EdgeCounters counters;
    private final CanvasSettings canvas;
    private final Runnable canvasMissing;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** @param canvasMissing called when Redis says it lost the canvas (the upkeep rebuilds it) */
    Placer(RedisCanvas redis, PlacementLog log, OutboxCleaner cleaner, EdgeCounters counters, CanvasSettings canvas,
           Runnable canvasMissing) {
        this.redis = redis;
        this.log = log;
        this.cleaner = cleaner;
        this.counters = counters;
        this.canvas = canvas;
        this.canvasMissing = canvasMissing;
        for (int i = 0; i < THREADS; i++) {
            Thread thread = new Thread(this::run, "edge-placer-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues {@code request}; its future completes with the placement or a {@link PlaceException}. */
    CompletableFuture<PlaceResult> submit(RedisCanvas.Request request) {
        CompletableFuture<PlaceResult> result = new CompletableFuture<>();
        if (!queue.offer(new Pending(request, System.nanoTime(), result))) {
            counters.refused.increment();
            result.completeExceptionally(new PlaceException(PlaceError.NOT_READY,
                "this edge is busy: too many placements are waiting"));
        }
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                place(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void place(List<Pending> batch) {
        List<RedisCanvas.Outcome> outcomes;
        try {
            outcomes = redis.placeAll(batch.stream().map(Pending::request).toList(), canvas.cooldownMs());
        } catch (RuntimeException e) {
            for (Pending pending : batch) {
                counters.refused.increment();
                pending.result().completeExceptionally(new PlaceException(PlaceError.NOT_READY,
                    "Redis is not answering (" + e.getMessage() + ")"));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), outcomes.get(i));
        }
    }

    private void answer(Pending pending, RedisCanvas.Outcome outcome) {
        CompletableFuture<PlaceResult> result = pending.result();
        if (outcome instanceof RedisCanvas.CoolingDown cooling) {
            counters.coolingDown.increment();
            result.completeExceptionally(new PlaceException(PlaceError.COOLDOWN, "wait "
                + (cooling.remainingMs() + 999) / 1000 + " s before placing again", cooling.remainingMs()));
        } else if (outcome instanceof RedisCanvas.CanvasMissing) {
            counters.refused.increment();
            canvasMissing.run();
            result.completeExceptionally(new PlaceException(PlaceError.NOT_READY,
                "Redis lost the canvas: it is being rebuilt from the log; try again shortly"));
        } else if (outcome instanceof RedisCanvas.Placed placed) {
            Placement placement = placed.placement();
            log.append(placement).whenComplete((ok, failure) -> {
                if (failure != null) {
                    counters.notLogged.increment();
                    // Redis shows it and its outbox keeps it: the upkeep logs it once Kafka is back.
                    result.completeExceptionally(new PlaceException(PlaceError.NOT_READY, "placed but not yet "
                        + "logged: the placement log (Kafka) failed (" + failure.getMessage() + ")"));
                    return;
                }
                cleaner.logged(placement);
                counters.placed.increment();
                counters.took(System.nanoTime() - pending.startedNanos());
                result.complete(new PlaceResult(placement.write(canvas.palette()),
                    placement.ms() + canvas.cooldownMs()));
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
