package org.distriplace.core.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.LongSupplier;
import org.distriplace.core.read.CanvasImage;

/**
 * One canvas on its way to one WebSocket client: the seed's {@code canvas} message
 * ({@code {"type":"canvas","width","height","data": base64 of the palette indexes}}), sent as the fragments of one
 * text message, each written only once the one before has left for the socket. A client that reads slowly, or not
 * at all, so holds one fragment of this node's memory rather than the whole canvas, and the client still receives
 * one message (fragments are joined by the WebSocket layer: browsers, Java's and Netty's clients).
 *
 * <p>The fragments are encoded from the {@link CanvasImage} the client joined at. An image shares its bands with
 * later ones, so a client still reading an old canvas keeps alive only the bands painted since. Runs on the
 * channel's event loop.
 */
final class CanvasStream {

    /**
     * Canvas bytes per fragment (16 KiB of base64): a multiple of 3, so the base64 of the pieces joins without
     * padding; small, since a client that stops reading keeps one fragment in this node's memory.
     */
    static final int BYTES_PER_FRAGMENT = 12 * 1024;

    /** Arrays one event loop reuses for every fragment it encodes: thousands of joining clients make no garbage. */
    private static final class Scratch {
        final byte[] piece = new byte[BYTES_PER_FRAGMENT];
        final byte[] data = new byte[BYTES_PER_FRAGMENT / 3 * 4];
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final Channel channel;
    private final CanvasImage image;
    private final ApiTraffic traffic;
    private final LongSupplier nanos;
    private final Runnable sent;
    private int offset;
    private volatile boolean cancelled;
    private volatile long progressNanos;

    /**
     * @param nanos the clock progress is timed by ({@link System#nanoTime})
     * @param sent  run on the event loop once the last fragment is written
     */
    CanvasStream(Channel channel, CanvasImage image, ApiTraffic traffic, LongSupplier nanos, Runnable sent) {
        this.channel = channel;
        this.image = image;
        this.traffic = traffic;
        this.nanos = nanos;
        this.sent = sent;
        this.progressNanos = nanos.getAsLong();
    }

    /** Starts sending, after whatever was written to the channel before. */
    void start() {
        channel.eventLoop().execute(this::sendNext);
    }

    /** Sends no more fragments (the client is being disconnected). */
    void cancel() {
        cancelled = true;
    }

    /** When a fragment last left for the socket (or the stream was made): a stream stalled long is a dead reader. */
    long progressNanos() {
        return progressNanos;
    }

    private void sendNext() {
        if (cancelled || !channel.isActive()) {
            return;
        }
        int total = image.width() * image.height();
        int length = Math.min(BYTES_PER_FRAGMENT, total - offset);
        boolean first = offset == 0;
        boolean last = offset + length == total;
        WebSocketFrame fragment = fragment(first, last, length);
        offset += length;
        traffic.sent(fragment.content().readableBytes());
        channel.writeAndFlush(fragment).addListener(written -> {
            progressNanos = nanos.getAsLong();
            if (!written.isSuccess()) {
                return;
            }
            if (last) {
                sent.run();
            } else {
                sendNext();
            }
        });
    }

    private WebSocketFrame fragment(boolean first, boolean last, int length) {
        Scratch scratch = SCRATCH.get();
        // A full fragment is encoded through this thread's arrays; only the last, shorter one needs its own.
        byte[] piece = length == BYTES_PER_FRAGMENT ? scratch.piece : new byte[length];
        byte[] data = length == BYTES_PER_FRAGMENT ? scratch.data : new byte[4 * ((length + 2) / 3)];
        image.copy(offset, piece, 0, length);
        int encoded = Base64.getEncoder().encode(piece, data);
        byte[] head = first ? head(image) : new byte[0];
        int tail = last ? 2 : 0;
        ByteBuf content = channel.alloc().buffer(head.length + encoded + tail);
        content.writeBytes(head).writeBytes(data, 0, encoded);
        if (last) {
            content.writeByte('"').writeByte('}');
        }
        return first ? new TextWebSocketFrame(last, 0, content) : new ContinuationWebSocketFrame(last, 0, content);
    }

    private static byte[] head(CanvasImage image) {
        return ("{\"type\":\"canvas\",\"width\":" + image.width() + ",\"height\":" + image.height() + ",\"data\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    }
}
