package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.read.ReadView;

/**
 * The WebSocket clients of this node and their live updates. Committed pixels are collected as the node tells them
 * and sent once per tick as one {@code pixels} frame, encoded once and shared by every client: never a frame per
 * pixel. A client joins with the canvas of the latest view; joining and sending a tick's pixels exclude each other,
 * so every client gets its canvas before any pixels newer than it. A client too slow to take its frames is
 * disconnected (it reconnects and starts from a fresh canvas), but not while its canvas is still on its way: a big
 * canvas takes a while on a slow link. Thread-safe.
 */
final class LiveClients implements PixelListener {

    /** A client still receiving its canvas after this long is given up on. */
    static final long CANVAS_GRACE_NANOS = 30_000_000_000L;

    private final Supplier<ReadView> views;
    private final CanvasEncodings encodings;
    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
    /** Clients whose canvas is still being sent, with when it started. */
    private final Map<Channel, Long> receivingCanvas = new ConcurrentHashMap<>();
    private final Object pendingLock = new Object();
    private final Object deliveryLock = new Object();
    private List<PixelWrite> pending = new ArrayList<>();
    private boolean reload;
    private final ApiTraffic traffic = new ApiTraffic(clients::size);

    LiveClients(Supplier<ReadView> views, CanvasEncodings encodings) {
        this.views = views;
        this.encodings = encodings;
    }

    ApiTraffic traffic() {
        return traffic;
    }

    /**
     * Adds a client and sends it {@code welcome} (built from the view it joins at) and that view's canvas; from the
     * next tick it receives every pixel committed after.
     */
    void join(Channel client, Function<ReadView, ObjectNode> welcome) {
        synchronized (deliveryLock) {
            clients.add(client);
            client.closeFuture().addListener(closed -> {
                clients.remove(client);
                receivingCanvas.remove(client);
            });
            ReadView view = views.get();
            TextWebSocketFrame hello = new TextWebSocketFrame(welcome.apply(view).toString());
            traffic.sent(hello.content().readableBytes());
            client.write(hello);
            receivingCanvas.put(client, System.nanoTime());
            TextWebSocketFrame canvas = new TextWebSocketFrame(encodings.frame());
            traffic.sent(canvas.content().readableBytes());
            client.writeAndFlush(canvas).addListener(sent -> receivingCanvas.remove(client));
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

    /** Sends what committed since the last tick, as one frame for every client; after full state, a new canvas. */
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
                send(pixelsFrame(batch));
            }
            if (mustReload && !clients.isEmpty()) {
                ByteBuf canvas = encodings.frame();
                try {
                    traffic.sentToEach(clients.size(), canvas.readableBytes());
                    clients.forEach(client -> client.writeAndFlush(
                        new TextWebSocketFrame(canvas.retainedDuplicate()), client.voidPromise()));
                } finally {
                    canvas.release();
                }
            }
        }
    }

    private void send(byte[] pixels) {
        ByteBuf frame = Unpooled.wrappedBuffer(pixels);
        long now = System.nanoTime();
        try {
            for (Channel client : clients) {
                if (client.isWritable() || stillReceivingCanvas(client, now)) {
                    traffic.sent(pixels.length);
                    client.writeAndFlush(new TextWebSocketFrame(frame.retainedDuplicate()), client.voidPromise());
                } else {
                    client.writeAndFlush(new CloseWebSocketFrame(1013, "too slow: reconnect for a fresh canvas"))
                        .addListener(done -> client.close());
                }
            }
        } finally {
            frame.release();
        }
    }

    private boolean stillReceivingCanvas(Channel client, long now) {
        Long since = receivingCanvas.get(client);
        return since != null && now - since < CANVAS_GRACE_NANOS;
    }

    static byte[] pixelsFrame(List<PixelWrite> writes) {
        ObjectNode frame = Responses.JSON.createObjectNode().put("type", "pixels");
        ArrayNode events = frame.putArray("events");
        for (PixelWrite write : writes) {
            events.addObject().put("x", write.x()).put("y", write.y()).put("color", write.color().hex());
        }
        try {
            return Responses.JSON.writeValueAsBytes(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
