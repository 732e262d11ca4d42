package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.ReadView;

/**
 * The WebSocket clients of this node and their live updates. Committed pixels are collected as the node tells them
 * and sent once per tick as one {@code pixels} frame, encoded once per form ({@link PixelFrames}: JSON, or binary
 * for clients that asked) and shared by every client: never a frame per pixel, never a copy per client. A client
 * joins with the canvas of the latest view ({@link CanvasStream}, a fragment at a time); pixel frames that come
 * while its canvas is on its way wait for it, so it always gets its canvas before any pixels newer than it.
 *
 * <p>No client makes the node hold more than its backlog for it: a client with more than that many bytes waiting
 * (the channel's high water mark), or whose canvas has not moved for {@link #STALLED_NANOS}, is disconnected with
 * close code 1013 and a reason; it reconnects and starts from a fresh canvas. Thread-safe.
 */
final class LiveClients implements PixelListener {

    /** A client whose canvas has not moved for this long is not reading: it is disconnected. */
    static final long STALLED_NANOS = 30_000_000_000L;

    /** A disconnected client's close frame waits this long behind what it did not read, then the socket closes. */
    static final long CLOSE_GRACE_MS = 2_000;

    static final String TOO_SLOW = "too slow: reconnect for a fresh canvas";

    /** One client: its channel, the canvas still on its way to it, and the pixel frames waiting for that canvas. */
    private static final class Client {
        final Channel channel;
        final boolean binary;
        CanvasStream canvas;
        final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
        long waitingBytes;
        boolean newCanvasNext;
        /** Forgotten (closed or disconnected): nothing more is sent to it, however a canvas on its way ends. */
        boolean gone;

        Client(Channel channel, boolean binary) {
            this.channel = channel;
            this.binary = binary;
        }

        /** A pixels frame around {@code content} in the form this client asked for. */
        WebSocketFrame frame(ByteBuf content) {
            return binary ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content);
        }

        void dropWaiting() {
            waiting.forEach(ByteBuf::release);
            waiting.clear();
            waitingBytes = 0;
        }
    }

    private final Supplier<ReadView> views;
    private final long backlogBytes;
    private final LongSupplier nanos;
    private final Map<Channel, Client> clients = new ConcurrentHashMap<>();
    /** The clients a canvas is on its way to: only these can stall, and each tick looks only at them. */
    private final Set<Client> receivingCanvas = ConcurrentHashMap.newKeySet();
    private final Object pendingLock = new Object();
    private final Object deliveryLock = new Object();
    private List<PixelWrite> pending = new ArrayList<>();
    private boolean reload;
    private final ApiTraffic traffic = new ApiTraffic(clients::size);
    private final EventSink events;
    private final int nodeId;

    /** @param backlogBytes the most a client may have waiting for it (also its channel's high water mark) */
    LiveClients(Supplier<ReadView> views, long backlogBytes) {
        this(views, backlogBytes, System::nanoTime, EventSink.NONE, 0);
    }

    /**
     * @param events told of each pixels frame sent ({@link NodeEvent.ClientsTold}) while it wants per-message
     *               events: an inspector following a pixel sees it reach this node's browsers
     * @param nodeId this node, as those events name it
     */
    LiveClients(Supplier<ReadView> views, long backlogBytes, EventSink events, int nodeId) {
        this(views, backlogBytes, System::nanoTime, events, nodeId);
    }

    /** @param nanos the clock stalls are timed by */
    LiveClients(Supplier<ReadView> views, long backlogBytes, LongSupplier nanos) {
        this(views, backlogBytes, nanos, EventSink.NONE, 0);
    }

    private LiveClients(Supplier<ReadView> views, long backlogBytes, LongSupplier nanos, EventSink events,
                        int nodeId) {
        this.views = views;
        this.backlogBytes = backlogBytes;
        this.nanos = nanos;
        this.events = events;
        this.nodeId = nodeId;
    }

    ApiTraffic traffic() {
        return traffic;
    }

    /**
     * Adds a client and sends it {@code welcome} (built from the view it joins at) and that view's canvas; from the
     * next tick it receives every pixel committed after, as JSON text frames.
     */
    void join(Channel channel, Function<ReadView, ObjectNode> welcome) {
        join(channel, welcome, false);
    }

    /** As {@link #join(Channel, Function)}; with {@code binary}, its pixels come as binary frames. */
    void join(Channel channel, Function<ReadView, ObjectNode> welcome, boolean binary) {
        synchronized (deliveryLock) {
            Client client = new Client(channel, binary);
            clients.put(channel, client);
            channel.closeFuture().addListener(closed -> forget(client));
            ReadView view = views.get();
            TextWebSocketFrame hello = new TextWebSocketFrame(welcome.apply(view).toString());
            traffic.sent(hello.content().readableBytes());
            channel.writeAndFlush(hello, channel.voidPromise());
            synchronized (client) {
                sendCanvas(client, view.canvas());
            }
        }
    }

    int size() {
        return clients.size();
    }

    @Override
    public void committed(PixelWrite write, boolean changed) {
        // Only writes that changed their pixel: replaying these in commit order gives the current canvas.
        if (changed) {
            synchronized (pendingLock) {
                pending.add(write);
            }
        }
    }

    @Override
    public void reloaded() {
        synchronized (pendingLock) {
            reload = true;
        }
    }

    /**
     * Sends what committed since the last tick, as one frame for every client; after full state, a new canvas.
     * Disconnects clients that fell too far behind.
     */
    void flush() {
        synchronized (deliveryLock) {
            List<PixelWrite> batch;
            boolean mustReload;
            synchronized (pendingLock) {
                batch = pending;
                pending = new ArrayList<>();
                mustReload = reload;
                reload = false;
            }
            if (!batch.isEmpty() && !clients.isEmpty()) {
                CanvasImage canvas = views.get().canvas();
                send(new PixelFrames(batch, canvas.width(), canvas.palette()));
                if (events.wantsMessages()) {
                    events.emit(new NodeEvent.ClientsTold(System.currentTimeMillis(), nodeId, clients.size(),
                        batch.stream().map(PixelWrite::dot).toList()));
                }
            }
            if (mustReload && !clients.isEmpty()) {
                CanvasImage canvas = views.get().canvas();
                clients.values().forEach(client -> reload(client, canvas));
            }
            disconnectStalled(nanos.getAsLong());
        }
    }

    private void send(PixelFrames frames) {
        try {
            for (Client client : clients.values()) {
                synchronized (client) {
                    deliver(client, client.binary ? frames.binary() : frames.json());
                }
            }
        } finally {
            frames.release();
        }
    }

    /** Sends {@code frame} to {@code client}, or keeps it until its canvas is sent, or disconnects it. */
    private void deliver(Client client, ByteBuf frame) {
        if (client.gone) {
            return;
        }
        if (client.canvas != null) {
            client.waiting.add(frame.retainedDuplicate());
            client.waitingBytes += frame.readableBytes();
            if (client.waitingBytes > backlogBytes) {
                disconnect(client);
            }
        } else if (client.channel.isWritable()) {
            traffic.sent(frame.readableBytes());
            client.channel.writeAndFlush(client.frame(frame.retainedDuplicate()), client.channel.voidPromise());
        } else {
            disconnect(client);
        }
    }

    private void reload(Client client, CanvasImage canvas) {
        synchronized (client) {
            if (client.canvas != null) {
                // The new canvas supersedes every pixel waiting: send it once the one on its way is done.
                client.dropWaiting();
                client.newCanvasNext = true;
            } else {
                sendCanvas(client, canvas);
            }
        }
    }

    /** Starts {@code canvas} towards {@code client} (holding its lock). */
    private void sendCanvas(Client client, CanvasImage canvas) {
        if (client.gone) {
            return;
        }
        client.canvas = new CanvasStream(client.channel, canvas, traffic, nanos, () -> canvasSent(client));
        receivingCanvas.add(client);
        client.canvas.start();
    }

    /** On the client's event loop: its canvas is sent, so the pixels that waited for it follow. */
    private void canvasSent(Client client) {
        synchronized (client) {
            client.canvas = null;
            receivingCanvas.remove(client);
            if (client.gone) {
                return;
            }
            if (client.newCanvasNext) {
                client.newCanvasNext = false;
                sendCanvas(client, views.get().canvas());
                return;
            }
            for (ByteBuf frame : client.waiting) {
                traffic.sent(frame.readableBytes());
                client.channel.write(client.frame(frame), client.channel.voidPromise());
            }
            client.waiting.clear();
            client.waitingBytes = 0;
            client.channel.flush();
        }
    }

    private void disconnectStalled(long now) {
        for (Client client : receivingCanvas) {
            synchronized (client) {
                if (client.canvas != null && now - client.canvas.progressNanos() > STALLED_NANOS) {
                    disconnect(client);
                }
            }
        }
    }

    /** Stops sending to {@code client} and closes it, with a close frame saying why (holding its lock). */
    private void disconnect(Client client) {
        traffic.disconnectedSlow();
        forget(client);
        Channel channel = client.channel;
        channel.writeAndFlush(new CloseWebSocketFrame(1013, TOO_SLOW)).addListener(done -> channel.close());
        // A client that reads nothing never takes the close frame: the socket closes anyway.
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private void forget(Client client) {
        clients.remove(client.channel, client);
        synchronized (client) {
            client.gone = true;
            client.newCanvasNext = false;
            receivingCanvas.remove(client);
            if (client.canvas != null) {
                client.canvas.cancel();
            }
            client.dropWaiting();
        }
    }
}
