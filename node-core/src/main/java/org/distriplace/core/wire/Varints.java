package org.distriplace.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.distriplace.core.clock.VectorClock;

/**
 * Unsigned LEB128 varints (7 bits a byte, low first) and zigzag for signed deltas: small numbers take one byte. A
 * growable output and a cursor over input; neither is thread-safe. The history's chunks and the compact peer wire
 * are written with them.
 */
public final class Varints {

    private Varints() {
    }

    /** A growable byte array written varint by varint. */
    public static final class Out {
        private byte[] bytes = new byte[256];
        private int size;

        public void varint(long value) {
            ensure(10);
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes[size++] = (byte) rest;
        }

        public void signed(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        public void raw(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        public void rgb(int rgb) {
            raw(rgb >>> 16);
            raw(rgb >>> 8);
            raw(rgb);
        }

        /** A string as its UTF-8 length and bytes. */
        public void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            bytes(utf8);
        }

        /** Bytes as they are (the reader knows how many). */
        public void bytes(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
        }

        /** A vector clock: its size, then each node id and counter. */
        public void clock(VectorClock clock) {
            varint(clock.size());
            for (int i = 0; i < clock.size(); i++) {
                varint(clock.nodeAt(i));
                varint(clock.counterAt(i));
            }
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads varints from a byte array; a truncated or overlong value is an {@link IllegalArgumentException}. */
    public static final class In {
        private final byte[] bytes;
        private int at;

        public In(byte[] bytes) {
            this(bytes, 0);
        }

        /** Reads from {@code start}. */
        public In(byte[] bytes, int start) {
            this.bytes = bytes;
            this.at = start;
        }

        public long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = raw();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint longer than 64 bits");
        }

        public int varintInt() {
            long value = varint();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + value + " out of range");
            }
            return (int) value;
        }

        public long signed() {
            long value = varint();
            return (value >>> 1) ^ -(value & 1);
        }

        public int raw() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("truncated: ended inside a value");
            }
            return bytes[at++] & 0xFF;
        }

        public int rgb() {
            return raw() << 16 | raw() << 8 | raw();
        }

        /** A string written by {@link Out#string}; no longer than {@code maxBytes}. */
        public String string(int maxBytes) {
            int length = varintInt();
            if (length > maxBytes || length > bytes.length - at) {
                throw new IllegalArgumentException("a string of " + length + " bytes (at most " + maxBytes
                    + ", " + (bytes.length - at) + " left)");
            }
            String text = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        /** A vector clock written by {@link Out#clock}. */
        public VectorClock clock() {
            int size = count(2);
            int[] nodes = new int[size];
            long[] counters = new long[size];
            for (int i = 0; i < size; i++) {
                nodes[i] = varintInt();
                counters[i] = varint();
            }
            return VectorClock.of(nodes, counters, size);
        }

        /** The next {@code length} bytes (a length read before, checked with {@link #count}). */
        public byte[] bytes(int length) {
            if (length > bytes.length - at) {
                throw new IllegalArgumentException(length + " bytes wanted, " + (bytes.length - at) + " left");
            }
            byte[] data = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return data;
        }

        /** A count of items each at least {@code minBytes} long: never more than what is left could hold. */
        public int count(int minBytes) {
            int count = varintInt();
            if ((long) count * minBytes > bytes.length - at) {
                throw new IllegalArgumentException("a count of " + count + " in " + (bytes.length - at)
                    + " bytes");
            }
            return count;
        }

        public boolean done() {
            return at == bytes.length;
        }
    }
}
