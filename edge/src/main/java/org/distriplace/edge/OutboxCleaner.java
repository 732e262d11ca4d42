package org.distriplace.edge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes logged placements out of their bands' outboxes, many per Redis call, on a thread of its own (never
 * Kafka's callback thread, which must not wait on Redis). A removal lost (Redis failed) only leaves a placement the
 * sweeper logs again, which the history stores once.
 */
final class OutboxCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxCleaner.class);

    private final RedisCanvas redis;
    private final BlockingQueue<Placement> logged = new LinkedBlockingQueue<>(1_000_000);
    private final Thread thread;
    private volatile boolean closed;

    OutboxCleaner(RedisCanvas redis) {
        this.redis = redis;
        this.thread = new Thread(this::run, "edge-outbox-cleaner");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code placement} is in the log. */
    void logged(Placement placement) {
        // Full only if Redis has been gone for long: the sweeper then logs these again, harmlessly.
        logged.offer(placement);
    }

    private void run() {
        List<Placement> batch = new ArrayList<>();
        while (!closed) {
            try {
                Placement first = logged.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                logged.drainTo(batch, 5_000);
                Map<Integer, List<Long>> byBand = new HashMap<>();
                batch.forEach(placement -> byBand.computeIfAbsent(placement.band(), band -> new ArrayList<>())
                    .add(placement.seq()));
                byBand.forEach(redis::logged);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("could not clear {} logged placements from the outbox: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
