package org.distriplace.core.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * GIF's variable-length LZW: codes grow from {@code minCodeSize + 1} to 12 bits, packed least significant bit
 * first into sub-blocks of at most 255 bytes; the table is cleared when full. The string table is an open-addressed
 * hash of (prefix code, next index) pairs, cheap to clear. One instance per thread; pure.
 */
final class LzwCompressor {

    private static final int MAX_BITS = 12;
    private static final int MAX_CODES = 1 << MAX_BITS;
    private static final int SLOTS = 1 << 13;
    private static final int EMPTY = -1;

    private final int[] keys = new int[SLOTS];
    private final short[] codes = new short[SLOTS];

    /** Writes {@code pixels} (palette indexes below {@code 1 << minCodeSize}) as a GIF image's data. */
    void compress(byte[] pixels, int minCodeSize, OutputStream out) throws IOException {
        int clear = 1 << minCodeSize;
        BlockBits bits = new BlockBits(out);
        out.write(minCodeSize);
        int codeSize = minCodeSize + 1;
        int next = clear + 2;
        Arrays.fill(keys, EMPTY);
        bits.write(clear, codeSize);
        int prefix = pixels[0] & 0xFF;
        for (int i = 1; i < pixels.length; i++) {
            int symbol = pixels[i] & 0xFF;
            int key = prefix << 8 | symbol;
            int slot = find(key);
            if (keys[slot] == key) {
                prefix = codes[slot];
                continue;
            }
            bits.write(prefix, codeSize);
            // The decoder widens its codes once its table fills the current width: one code behind us.
            if (next == 1 << codeSize && codeSize < MAX_BITS) {
                codeSize++;
            }
            if (next < MAX_CODES) {
                keys[slot] = key;
                codes[slot] = (short) next++;
            } else {
                bits.write(clear, codeSize);
                Arrays.fill(keys, EMPTY);
                codeSize = minCodeSize + 1;
                next = clear + 2;
            }
            prefix = symbol;
        }
        bits.write(prefix, codeSize);
        if (next == 1 << codeSize && codeSize < MAX_BITS) {
            codeSize++;
        }
        bits.write(clear + 1, codeSize);
        bits.finish();
    }

    private int find(int key) {
        int slot = (key * 0x9E3779B1) >>> (32 - 13);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        return slot;
    }

    /** Codes packed least significant bit first into GIF's length-prefixed sub-blocks. */
    private static final class BlockBits {
        private final OutputStream out;
        private final byte[] block = new byte[255];
        private int filled;
        private long pending;
        private int pendingBits;

        BlockBits(OutputStream out) {
            this.out = out;
        }

        void write(int code, int size) throws IOException {
            pending |= (long) code << pendingBits;
            pendingBits += size;
            while (pendingBits >= 8) {
                put((byte) pending);
                pending >>>= 8;
                pendingBits -= 8;
            }
        }

        private void put(byte value) throws IOException {
            block[filled++] = value;
            if (filled == block.length) {
                flushBlock();
            }
        }

        private void flushBlock() throws IOException {
            out.write(filled);
            out.write(block, 0, filled);
            filled = 0;
        }

        void finish() throws IOException {
            if (pendingBits > 0) {
                put((byte) pending);
                pending = 0;
                pendingBits = 0;
            }
            if (filled > 0) {
                flushBlock();
            }
            out.write(0);
        }
    }
}
