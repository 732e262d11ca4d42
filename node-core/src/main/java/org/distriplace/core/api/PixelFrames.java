package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * One tick's committed pixels, encoded at most once in each form its clients asked for, and shared by all of them.
 *
 * <ul>
 *   <li><b>JSON</b> (the seed's text frame): {@code {"type":"pixels","events":[{"x":X,"y":Y,"color":"#RRGGBB"},…]}}.
 *   <li><b>Binary</b> (clients that connect to {@code /ws?pixels=binary}, as the browser client does): the byte
 *       {@link #BINARY_PIXELS}, then five bytes per pixel, in commit order: the pixel's offset
 *       {@code y * width + x} (unsigned 32-bit, big-endian) and its palette index (the palette of the
 *       {@code welcome} frame's {@code canvasInfo}). About a seventh of the JSON.
 * </ul>
 *
 * Not thread-safe: the tick that made it encodes and sends it, then {@link #release releases} it.
 */
final class PixelFrames {

    /** The first byte of a binary {@code pixels} frame (the only binary frame a node sends to players today). */
    static final byte BINARY_PIXELS = 1;

    /** Bytes per pixel in a binary frame. */
    static final int BINARY_PIXEL_BYTES = 5;

    private final List<PixelWrite> writes;
    private final int width;
    private final Palette palette;
    private ByteBuf json;
    private ByteBuf binary;

    PixelFrames(List<PixelWrite> writes, int width, Palette palette) {
        this.writes = writes;
        this.width = width;
        this.palette = palette;
    }

    /** The JSON text frame's content; the caller takes a {@code retainedDuplicate} per client. */
    ByteBuf json() {
        if (json == null) {
            json = Unpooled.wrappedBuffer(jsonBytes(writes));
        }
        return json;
    }

    /** The binary frame's content; the caller takes a {@code retainedDuplicate} per client. */
    ByteBuf binary() {
        if (binary == null) {
            binary = binaryBuffer(writes, width, palette);
        }
        return binary;
    }

    /** Drops this tick's encodings (clients hold their own references). */
    void release() {
        if (json != null) {
            json.release();
        }
        if (binary != null) {
            binary.release();
        }
    }

    static byte[] jsonBytes(List<PixelWrite> writes) {
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

    static ByteBuf binaryBuffer(List<PixelWrite> writes, int width, Palette palette) {
        ByteBuf out = Unpooled.buffer(1 + BINARY_PIXEL_BYTES * writes.size());
        out.writeByte(BINARY_PIXELS);
        for (PixelWrite write : writes) {
            out.writeInt(write.y() * width + write.x());
            out.writeByte(palette.indexOf(write.color()));
        }
        return out;
    }
}
