package org.distriplace.edge;

import java.time.Duration;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's subscription to the placements Redis publishes (seed 2's fan-out), on a thread of its own: each
 * message goes to the mirror; each time the subscription starts (again, after Redis or the network failed) the
 * mirror reloads, as Pub/Sub kept nothing for it meanwhile.
 */
final class PlacementFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlacementFeed.class);
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private final UnifiedJedis redis;
    private final byte[] channel;
    private final CanvasMirror mirror;
    private final Thread thread;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile BinaryJedisPubSub current;

    PlacementFeed(UnifiedJedis redis, byte[] channel, CanvasMirror mirror) {
        this.redis = redis;
        this.channel = channel;
        this.mirror = mirror;
        this.thread = new Thread(this::run, "edge-subscriber");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the edge hears Redis' placements now. */
    boolean subscribed() {
        return subscribed;
    }

    private void run() {
        while (!closed) {
            BinaryJedisPubSub listener = new BinaryJedisPubSub() {
                @Override
                public void onSubscribe(byte[] name, int count) {
                    subscribed = true;
                    mirror.reload();
                }

                @Override
                public void onMessage(byte[] name, byte[] message) {
                    mirror.received(message);
                }
            };
            current = listener;
            try {
                redis.subscribe(listener, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("lost the subscription to Redis' placements ({}); subscribing again", e.getMessage());
                }
            } finally {
                subscribed = false;
            }
            if (!closed) {
                try {
                    Thread.sleep(BACKOFF.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        BinaryJedisPubSub listener = current;
        if (listener != null && listener.isSubscribed()) {
            try {
                listener.unsubscribe();
            } catch (RuntimeException e) {
                // The connection is gone already.
            }
        }
        thread.interrupt();
    }
}
