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
import org.distriplace.core.wire.Wire;
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

    private record Waiting(long queuedAt, OutgoingMessage message) {
    }

    private final int peer;
    private final PeerAddress address;
    private final Bootstrap bootstrap;
    private final AtomicLong dropped;
    private final PeerTraffic traffic;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private volatile Channel channel;
    private volatile Wire wire = Wire.JSON;
    private volatile boolean closed;
    private long backoffMs = FIRST_BACKOFF_MS;
    private boolean dialing;
    private ScheduledFuture<?> pendingRedial;

    OutboundLink(int peer, PeerAddress address, Bootstrap bootstrap, AtomicLong dropped, PeerTraffic traffic) {
        this.peer = peer;
        this.traffic = traffic;
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

    /**
     * The handshake succeeded (on the connection's event loop), choosing {@code agreed}: flush what waited and
     * send directly from now on.
     */
    void ready(Channel authenticated, Wire agreed) {
        LOG.info("connected to peer {} at {} ({} wire)", peer, address, agreed.label());
        long now = System.nanoTime();
        synchronized (this) {
            backoffMs = FIRST_BACKOFF_MS;
            wire = agreed;
            while (!waiting.isEmpty()) {
                Waiting next = waiting.pollFirst();
                if (now - next.queuedAt() <= QUEUE_MAX_AGE_NANOS) {
                    write(authenticated, next.message(), agreed, false);
                } else {
                    dropped.incrementAndGet();
                }
            }
            channel = authenticated;
        }
        authenticated.flush();
    }

    /** Sends {@code message}, encoded on the connection's event loop; queues it while the link is down. */
    void send(OutgoingMessage message) {
        Channel ready = channel;
        if (ready != null && ready.isActive() && !ready.isWritable()) {
            dropped.incrementAndGet();
            return;
        }
        if (ready == null || !ready.isActive()) {
            synchronized (this) {
                ready = channel;
                if (ready == null) {
                    waiting.addLast(new Waiting(System.nanoTime(), message));
                    if (waiting.size() > QUEUE_LIMIT) {
                        waiting.pollFirst();
                        dropped.incrementAndGet();
                    }
                    return;
                }
            }
        }
        Channel to = ready;
        Wire agreed = wire;
        // One task per message on the connection's one event loop: messages to a peer keep their order.
        to.eventLoop().execute(() -> write(to, message, agreed, true));
    }

    private void write(Channel to, OutgoingMessage message, Wire agreed, boolean flush) {
        byte[] frame = message.frame(agreed);
        traffic.sent(message.message().kind(), frame.length);
        if (flush) {
            to.writeAndFlush(Unpooled.wrappedBuffer(frame), to.voidPromise());
        } else {
            to.write(Unpooled.wrappedBuffer(frame), to.voidPromise());
        }
    }

    /** The wire of the current (or last) connection. */
    Wire wire() {
        return wire;
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
