package org.distriplace.core.history;

import java.util.Arrays;

/**
 * Unsigned LEB128 varints (7 bits a byte, low first) and zigzag for signed deltas: small numbers take one byte. A
 * growable output and a cursor over input; neither is thread-safe.
 */
final class Varints {

    private Varints() {
    }

    /** A growable byte array written varint by varint. */
    static final class Out {
        private byte[] bytes = new byte[256];
        private int size;

        void varint(long value) {
            ensure(10);
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes[size++] = (byte) rest;
        }

        void signed(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void raw(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void rgb(int rgb) {
            raw(rgb >>> 16);
            raw(rgb >>> 8);
            raw(rgb);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads varints from a byte array; a truncated or overlong value is an {@link IllegalArgumentException}. */
    static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
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

        int varintInt() {
            long value = varint();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + value + " out of range");
            }
            return (int) value;
        }

        long signed() {
            long value = varint();
            return (value >>> 1) ^ -(value & 1);
        }

        int raw() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("truncated history chunk");
            }
            return bytes[at++] & 0xFF;
        }

        int rgb() {
            return raw() << 16 | raw() << 8 | raw();
        }

        boolean done() {
            return at == bytes.length;
        }
    }
}
