package org.distriplace.core.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.ReadView;

/**
 * The canvas as readers receive it, encoded once per published view and shared by every reader of that view: the
 * binary canvas ({@code GET /api/v1/canvas}), the painted pixels as JSON ({@code GET /canvas}) and the WebSocket
 * {@code canvas} frame. Whoever first asks for an encoding of a new view builds it, on an I/O thread; readers that
 * ask meanwhile wait for it rather than build their own. Thread-safe.
 *
 * <p>The buffers handed out are duplicates of unreleasable buffers: releasing one (as Netty does once it is sent)
 * frees nothing, and the garbage collector frees the bytes once no view refers to them.
 */
final class CanvasEncodings {

    /** The encodings of one view, each built on first use. */
    private static final class Encoded {
        private final ReadView view;
        private ByteBuf binary;
        private ByteBuf pixels;
        private ByteBuf frame;

        Encoded(ReadView view) {
            this.view = view;
        }

        synchronized ByteBuf binary() {
            if (binary == null) {
                binary = shared(view.canvas().toBytes());
            }
            return binary.duplicate();
        }

        synchronized ByteBuf pixels() {
            if (pixels == null) {
                pixels = shared(pixelsJson(view));
            }
            return pixels.duplicate();
        }

        synchronized ByteBuf frame() {
            if (frame == null) {
                frame = shared(canvasFrame(view.canvas()));
            }
            return frame.duplicate();
        }
    }

    private final AtomicReference<Encoded> latest = new AtomicReference<>();

    /** Palette indexes, row-major: the binary canvas. */
    ByteBuf binary(ReadView view) {
        return of(view, Encoded::binary);
    }

    /** The seed's {@code GET /canvas}: {@code {width, height, pixels: {"x,y": "#RRGGBB"}, version}}. */
    ByteBuf pixels(ReadView view) {
        return of(view, Encoded::pixels);
    }

    /** The WebSocket {@code canvas} frame's text: {@code {type: "canvas", width, height, data: base64}}. */
    ByteBuf frame(ReadView view) {
        return of(view, Encoded::frame);
    }

    private ByteBuf of(ReadView view, Function<Encoded, ByteBuf> kind) {
        Encoded encoded = latest.get();
        if (encoded == null || encoded.view != view) {
            Encoded fresh = new Encoded(view);
            // Another thread may have cached this view meanwhile: then share its encodings.
            encoded = latest.compareAndSet(encoded, fresh) ? fresh : latestFor(view, fresh);
        }
        return kind.apply(encoded);
    }

    private Encoded latestFor(ReadView view, Encoded fallback) {
        Encoded now = latest.get();
        return now != null && now.view == view ? now : fallback;
    }

    private static ByteBuf shared(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
    }

    /** Written straight out with a streaming generator: one pass over the canvas, no tree of 100,000 nodes. */
    static byte[] pixelsJson(ReadView view) {
        CanvasImage canvas = view.canvas();
        int background = canvas.palette().backgroundIndex();
        String[] hex = new String[canvas.palette().size()];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = canvas.palette().color(i).hex();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator json = Responses.JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("width", canvas.width());
            json.writeNumberField("height", canvas.height());
            json.writeObjectFieldStart("pixels");
            for (int band = 0; band < canvas.bandCount(); band++) {
                int first = canvas.firstRow(band);
                for (int i = 0; i < canvas.bandLength(band); i++) {
                    int index = canvas.indexInBand(band, i);
                    if (index != background) {
                        json.writeStringField(i % canvas.width() + "," + (first + i / canvas.width()), hex[index]);
                    }
                }
            }
            json.writeEndObject();
            json.writeObjectFieldStart("version");
            for (Map.Entry<Integer, Long> entry : view.version().asMap().entrySet()) {
                json.writeNumberField(Integer.toString(entry.getKey()), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    static byte[] canvasFrame(CanvasImage canvas) {
        byte[] head = ("{\"type\":\"canvas\",\"width\":" + canvas.width() + ",\"height\":" + canvas.height()
            + ",\"data\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] data = Base64.getEncoder().encode(canvas.toBytes());
        byte[] frame = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(data, 0, frame, head.length, data.length);
        frame[frame.length - 2] = '"';
        frame[frame.length - 1] = '}';
        return frame;
    }
}
