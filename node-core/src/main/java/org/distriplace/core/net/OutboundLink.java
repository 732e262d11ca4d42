package org.distriplace.core.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's connection to one peer, for sending. Dials, handshakes, and redials with exponential backoff
 * (100 ms doubling to 5 s, with jitter) whenever the connection drops, and at once when the peer connects to us
 * (it is back). Messages sent while it is down wait in a small queue for at most two seconds (older ones are
 * stale: a late heartbeat or vote only confuses); a peer that cannot keep up (more than the transport's high
 * water mark unsent: stuck, not merely busy) loses messages rather than blocking the node. Thread-safe.
 */
final class OutboundLink {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final int QUEUE_LIMIT = 1_000;
    private static final long QUEUE_MAX_AGE_NANOS = 2_000_000_000L;

    private record Waiting(long queuedAt, byte[] frame) {
    }

    private final int peer;
    private final PeerAddress address;
    private final Bootstrap bootstrap;
    private final AtomicLong dropped;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private volatile Channel channel;
    private volatile boolean closed;
    private long backoffMs = FIRST_BACKOFF_MS;
    private boolean dialing;
    private ScheduledFuture<?> pendingRedial;

    OutboundLink(int peer, PeerAddress address, Bootstrap bootstrap, AtomicLong dropped) {
        this.peer = peer;
        this.address = address;
        this.bootstrap = bootstrap.clone().attr(PeerTransport.LINK, this);
        this.dropped = dropped;
    }

    void connect() {
        synchronized (this) {
            if (closed || dialing) {
                return;
            }
            dialing = true;
            pendingRedial = null;
        }
        ChannelFuture attempt = bootstrap.connect(new InetSocketAddress(address.host(), address.port()));
        attempt.addListener(done -> {
            if (!done.isSuccess()) {
                redial();
            } else {
                attempt.channel().closeFuture().addListener(closedChannel -> {
                    channel = null;
                    redial();
                });
            }
        });
    }

    private void redial() {
        long delay;
        synchronized (this) {
            dialing = false;
            if (closed) {
                return;
            }
            delay = (long) (backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            pendingRedial = bootstrap.config().group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The peer just connected to us: it is up, so dial now instead of waiting out the backoff. */
    void peerIsBack() {
        synchronized (this) {
            if (closed || dialing || channel != null) {
                return;
            }
            if (pendingRedial != null) {
                pendingRedial.cancel(false);
            }
            backoffMs = FIRST_BACKOFF_MS;
        }
        connect();
    }

    /** The handshake succeeded: flush what waited and send directly from now on. */
    void ready(Channel authenticated) {
        LOG.info("connected to peer {} at {}", peer, address);
        long now = System.nanoTime();
        synchronized (this) {
            backoffMs = FIRST_BACKOFF_MS;
            while (!waiting.isEmpty()) {
                Waiting next = waiting.pollFirst();
                if (now - next.queuedAt() <= QUEUE_MAX_AGE_NANOS) {
                    authenticated.write(Unpooled.wrappedBuffer(next.frame()), authenticated.voidPromise());
                } else {
                    dropped.incrementAndGet();
                }
            }
            channel = authenticated;
        }
        authenticated.flush();
    }

    void send(byte[] frame) {
        Channel ready = channel;
        if (ready != null && ready.isActive()) {
            if (ready.isWritable()) {
                ready.writeAndFlush(Unpooled.wrappedBuffer(frame), ready.voidPromise());
            } else {
                dropped.incrementAndGet();
            }
            return;
        }
        synchronized (this) {
            if (channel != null) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(frame), channel.voidPromise());
                return;
            }
            waiting.addLast(new Waiting(System.nanoTime(), frame));
            if (waiting.size() > QUEUE_LIMIT) {
                waiting.pollFirst();
                dropped.incrementAndGet();
            }
        }
    }

    int peer() {
        return peer;
    }

    boolean isConnected() {
        Channel ready = channel;
        return ready != null && ready.isActive();
    }

    void close() {
        closed = true;
        Channel ready = channel;
        if (ready != null) {
            ready.close();
        }
    }
}
