package org.distriplace.core.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.distriplace.core.read.ReadView;

/**
 * The canvas as HTTP readers receive it, encoded once per published view and shared by every reader of that view:
 * the binary canvas ({@code GET /api/v1/canvas}) and the painted pixels as JSON ({@code GET /canvas}). (A WebSocket
 * client's canvas goes out a fragment at a time instead: {@link CanvasStream}.) The first reader after a new view
 * builds the encoding, on an I/O thread; readers meanwhile wait for it rather than build their own, and every later
 * reader shares it. Each encoding is always of the latest
 * view when asked (read under its lock), so a cache only moves forward. Thread-safe.
 *
 * <p>Encodings live in pooled direct buffers, so the socket write copies nothing first: each reader gets a
 * retained duplicate (released once sent), and a superseded encoding is freed when its last reader is done.
 */
final class CanvasEncodings {

    /**
     * One encoding of one view: its bytes (a retained duplicate, the reader's to send or release) and its entity
     * tag, which names the canvas's state, so every server holding the same canvas tags it alike and a cache in
     * front of them (nginx, a CDN) revalidates with a 304.
     */
    record Encoded(ByteBuf body, String etag) {
    }

    /** One kind of encoding of the latest view. */
    private static final class Cache {
        private final Supplier<ReadView> views;
        private final Function<ReadView, ByteBuf> encoder;
        private final String kind;
        private ReadView view;
        private ByteBuf encoded;

        Cache(Supplier<ReadView> views, Function<ReadView, ByteBuf> encoder, String kind) {
            this.views = views;
            this.encoder = encoder;
            this.kind = kind;
        }

        /** The latest view's encoding, for one reader to send (and so release). */
        synchronized Encoded current() {
            ReadView latest = views.get();
            if (latest != view) {
                ByteBuf next = encoder.apply(latest);
                if (encoded != null) {
                    encoded.release();
                }
                encoded = next;
                view = latest;
            }
            return new Encoded(encoded.retainedDuplicate(), "\"" + kind + "-" + view.stateHash() + "-"
                + view.committedWrites() + "\"");
        }

        synchronized void release() {
            if (encoded != null) {
                encoded.release();
                encoded = null;
                view = null;
            }
        }
    }

    private final PixelsJson pixelsJson = new PixelsJson();
    private final Cache binary;
    private final Cache pixels;

    /** @param views the node's latest published view */
    CanvasEncodings(Supplier<ReadView> views) {
        this.binary = new Cache(views, view -> direct(out -> view.canvas().writeTo(out),
            view.canvas().width() * view.canvas().height()), "b");
        // Only the pixels cache calls this, under its lock: the band texts it keeps are used one view at a time.
        this.pixels = new Cache(views, view -> direct(pixelsJson.encode(view)), "j");
    }

    /** Palette indexes, row-major: the binary canvas. */
    Encoded binary() {
        return binary.current();
    }

    /** The seed's {@code GET /canvas}: {@code {width, height, pixels: {"x,y": "#RRGGBB"}, version}}. */
    Encoded pixels() {
        return pixels.current();
    }

    /** Frees the cached encodings (the server stops); readers still sending keep theirs until sent. */
    void release() {
        binary.release();
        pixels.release();
    }

    @FunctionalInterface
    private interface Writer {
        void writeTo(ByteBufOutputStream out) throws IOException;
    }

    private static ByteBuf direct(byte[] bytes) {
        return direct(out -> out.write(bytes), bytes.length);
    }

    private static ByteBuf direct(Writer writer, int size) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(size, size);
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            writer.writeTo(out);
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return buffer;
    }
}
