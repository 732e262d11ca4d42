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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.PixelListener;

/**
 * The WebSocket clients of this node and their live updates. Committed pixels are collected as they happen (on
 * the node's thread) and sent once per tick as one {@code pixels} frame, encoded once and shared by every client:
 * never a frame per pixel. A client too slow to take its frames is disconnected; it reconnects and starts from a
 * fresh canvas. Thread-safe.
 */
final class LiveClients implements PixelListener {

    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private List<PixelWrite> pending = new ArrayList<>();
    private boolean reload;

    /** Called on the node's thread, in the same task that snapshots the canvas for this client. */
    void add(Channel client) {
        clients.add(client);
        client.closeFuture().addListener(closed -> clients.remove(client));
    }

    int size() {
        return clients.size();
    }

    @Override
    public void committed(PixelWrite write, boolean changed) {
        // Only writes that changed their pixel: replaying these in commit order gives the current canvas.
        if (changed) {
            synchronized (lock) {
                pending.add(write);
            }
        }
    }

    @Override
    public void reloaded() {
        synchronized (lock) {
            reload = true;
        }
    }

    /** Sends what committed since the last tick, as one frame per client; true if clients must reload. */
    boolean flush() {
        List<PixelWrite> batch;
        boolean mustReload;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            mustReload = reload;
            reload = false;
        }
        if (!batch.isEmpty() && !clients.isEmpty()) {
            ByteBuf frame = Unpooled.wrappedBuffer(pixelsFrame(batch));
            try {
                for (Channel client : clients) {
                    if (client.isWritable()) {
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
        return mustReload;
    }

    /** Every client, for sending each a fresh canvas after full state arrived. */
    Set<Channel> all() {
        return Set.copyOf(clients);
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
