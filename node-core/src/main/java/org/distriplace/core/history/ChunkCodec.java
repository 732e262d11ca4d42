package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.wire.Varints;

/**
 * The compact form of a chunk of committed writes, as the history keeps them: a header (format, canvas width, count,
 * the chunk's colours) and, per write, a flags byte saying what repeats the previous write, then varints: position
 * (y × width + x), colour (an index into the chunk's colours), user (an id from the users table), the stamp as a
 * delta from the previous one, the request id as a delta from the stamp; the ordering node, provenance, origin and
 * vector clock only where they differ from the previous write's (a leader's consecutive writes advance only its own
 * entry). Typically 10-14 bytes a write. Pure and stateless.
 */
public final class ChunkCodec {

    private static final int FORMAT = 1;
    /** A whole chunk of the first format, deflated (closed chunks: they are written once and read rarely). */
    private static final int DEFLATED = 2;
    private static final int SAME_NODE = 0x01;
    private static final int SAME_PROVENANCE = 0x02;
    private static final int NEXT_CLOCK = 0x04;
    private static final int SAME_ORIGIN = 0x08;
    private static final int SAME_USER = 0x10;

    /** Receives each write's position, stamp and dot, in chunk order, from {@link #scan}. */
    @FunctionalInterface
    public interface Visitor {
        void write(int index, int x, int y, long timestamp, Dot dot);
    }

    private ChunkCodec() {
    }

    /** Encodes {@code writes} (in the order given) for a canvas {@code width} wide; users become ids. */
    public static byte[] encode(List<PixelWrite> writes, int width, ToIntFunction<String> userIds) {
        Map<Integer, Integer> colors = new LinkedHashMap<>();
        writes.forEach(write -> colors.putIfAbsent(write.color().rgb(), colors.size()));
        Varints.Out out = new Varints.Out();
        out.raw(FORMAT);
        out.varint(width);
        out.varint(writes.size());
        out.varint(colors.size());
        colors.keySet().forEach(out::rgb);
        PixelWrite previous = null;
        int previousUser = -1;
        for (PixelWrite write : writes) {
            int user = userIds.applyAsInt(write.user());
            int flags = flags(previous, write, previousUser == user);
            out.raw(flags);
            out.varint((long) write.y() * width + write.x());
            out.varint(colors.get(write.color().rgb()));
            if ((flags & SAME_NODE) == 0) {
                out.varint(write.nodeId());
            }
            if ((flags & SAME_PROVENANCE) == 0) {
                out.varint(write.epoch());
                out.varint(write.batch());
            }
            if ((flags & NEXT_CLOCK) == 0) {
                out.clock(write.vectorClock());
            }
            if ((flags & SAME_ORIGIN) == 0) {
                out.varint(write.origin());
            }
            if ((flags & SAME_USER) == 0) {
                out.varint(user);
            }
            stamp(out, write.timestamp() - (previous == null ? 0 : previous.timestamp()));
            stamp(out, write.timestamp() - write.requestId());
            previous = write;
            previousUser = user;
        }
        return out.toByteArray();
    }

    private static int flags(PixelWrite previous, PixelWrite write, boolean sameUser) {
        if (previous == null) {
            return 0;
        }
        int flags = sameUser ? SAME_USER : 0;
        if (previous.nodeId() == write.nodeId()) {
            flags |= SAME_NODE;
            VectorClock advanced = previous.vectorClock().with(write.nodeId(),
                previous.vectorClock().get(write.nodeId()) + 1);
            if (advanced.equals(write.vectorClock())) {
                flags |= NEXT_CLOCK;
            }
        }
        if (previous.epoch() == write.epoch() && previous.batch() == write.batch()) {
            flags |= SAME_PROVENANCE;
        }
        if (previous.origin() == write.origin()) {
            flags |= SAME_ORIGIN;
        }
        return flags;
    }

    /**
     * A difference of two hybrid logical clock values, as milliseconds and logical counts apart (each usually one
     * byte), not as one packed number (three bytes for a millisecond or two).
     */
    private static void stamp(Varints.Out out, long difference) {
        long millis = difference >> Hlc.LOGICAL_BITS;
        out.signed(millis);
        out.signed(difference - (millis << Hlc.LOGICAL_BITS));
    }

    private static long stamp(Varints.In in) {
        long millis = in.signed();
        return (millis << Hlc.LOGICAL_BITS) + in.signed();
    }

    /** {@code body} deflated, for a chunk that takes no more writes; every reader here reads either form. */
    public static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(body);
            deflater.finish();
            byte[] out = new byte[body.length + 64];
            out[0] = DEFLATED;
            int size = 1;
            while (!deflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                size += deflater.deflate(out, size, out.length - size);
            }
            return size < body.length ? Arrays.copyOf(out, size) : body;
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflated(byte[] body) {
        if (body.length == 0 || (body[0] & 0xFF) != DEFLATED) {
            return body;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 1, body.length - 1);
            byte[] out = new byte[body.length * 4];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int read = inflater.inflate(out, size, out.length - size);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated history chunk");
                }
                size += read;
            }
            return Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged history chunk: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The writes of a chunk, in order; user ids become names through {@code userNames}. */
    public static List<PixelWrite> decode(byte[] body, IntFunction<String> userNames) {
        Reader reader = new Reader(body);
        List<PixelWrite> writes = new ArrayList<>(Math.min(reader.count, 4_096));
        for (int i = 0; i < reader.count; i++) {
            reader.next();
            writes.add(reader.write(userNames));
        }
        return writes;
    }

    /**
     * Write number {@code index} of a chunk alone: the ones before it are stepped through (each depends on the one
     * before) but not built, so one placement costs a scan, not a chunk of objects.
     */
    public static PixelWrite decodeAt(byte[] body, int index, IntFunction<String> userNames) {
        Reader reader = new Reader(body);
        if (index < 0 || index >= reader.count) {
            throw new IndexOutOfBoundsException("write " + index + " of a chunk of " + reader.count);
        }
        for (int i = 0; i <= index; i++) {
            reader.next();
        }
        return reader.write(userNames);
    }

    /** Visits each write's position, stamp and dot without building the writes (building an index). */
    public static void scan(byte[] body, Visitor visitor) {
        Reader reader = new Reader(body);
        for (int i = 0; i < reader.count; i++) {
            reader.next();
            visitor.write(i, reader.x, reader.y, reader.timestamp,
                new Dot(reader.nodeId, reader.clock.get(reader.nodeId)));
        }
    }

    /** The number of writes in a chunk, from its header. */
    public static int count(byte[] body) {
        return new Reader(body).count;
    }

    /** Steps through a chunk write by write, keeping the previous write's fields. */
    private static final class Reader {
        final Varints.In in;
        final int width;
        final int count;
        final int[] colors;
        int x;
        int y;
        int color;
        int nodeId;
        long epoch;
        long batch;
        VectorClock clock;
        int origin;
        int user;
        long timestamp;
        long requestId;

        Reader(byte[] body) {
            in = new Varints.In(inflated(body));
            int format = in.raw();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown history chunk format " + format);
            }
            width = in.varintInt();
            count = in.varintInt();
            colors = new int[in.count(3)];
            for (int i = 0; i < colors.length; i++) {
                colors[i] = in.rgb();
            }
            if (width < 1) {
                throw new IllegalArgumentException("history chunk of width " + width);
            }
        }

        void next() {
            int flags = in.raw();
            long position = in.varint();
            x = (int) (position % width);
            y = (int) (position / width);
            color = colors[in.varintInt()];
            if ((flags & SAME_NODE) == 0) {
                nodeId = in.varintInt();
            }
            if ((flags & SAME_PROVENANCE) == 0) {
                epoch = in.varint();
                batch = in.varint();
            }
            clock = (flags & NEXT_CLOCK) == 0 ? in.clock() : clock.with(nodeId, clock.get(nodeId) + 1);
            if ((flags & SAME_ORIGIN) == 0) {
                origin = in.varintInt();
            }
            if ((flags & SAME_USER) == 0) {
                user = in.varintInt();
            }
            timestamp += stamp(in);
            requestId = timestamp - stamp(in);
        }

        PixelWrite write(IntFunction<String> userNames) {
            return new PixelWrite(x, y, new Color(color), userNames.apply(user), origin, requestId, timestamp, nodeId,
                clock, epoch, batch);
        }
    }
}
