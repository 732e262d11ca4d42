package org.distriplace.core.image;

import java.io.IOException;
import java.io.OutputStream;
import org.distriplace.core.model.Palette;

/**
 * Writes an animated GIF (GIF89a, looping forever) of equal-sized frames of palette indexes, as they come: the
 * palette is the global colour table (with one more entry, transparent), and each frame after the first holds only
 * the rectangle that changed since the one before, drawn over it, its unchanged pixels transparent: a timelapse
 * where a few thousand pixels change a frame, even scattered over the whole canvas, costs a few kilobytes a frame
 * (long runs of one index are what LZW packs best). Not thread-safe; pure apart from the stream it writes to.
 */
public final class GifWriter {

    /** GIF sizes are 16-bit. */
    public static final int MAX_SIDE = 65_535;

    private final OutputStream out;
    private final int width;
    private final int height;
    private final int delayCentis;
    private final int minCodeSize;
    /** The index no palette colour has: "leave the pixel as the frame before showed it". */
    private final int transparent;
    private final LzwCompressor lzw = new LzwCompressor();
    private byte[] previous;
    private int frames;

    /**
     * Writes the header, the palette and the loop instruction.
     *
     * @param delayCentis how long each frame shows, in hundredths of a second (GIF's unit)
     */
    public GifWriter(OutputStream out, int width, int height, Palette palette, int delayCentis) throws IOException {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a GIF is 1 to " + MAX_SIDE + " pixels a side, not " + width + "x"
                + height);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.delayCentis = Math.max(1, Math.min(delayCentis, 0xFFFF));
        if (palette.size() >= 256) {
            throw new IllegalArgumentException("a GIF palette holds 255 colours and the transparent entry, not "
                + palette.size());
        }
        this.transparent = palette.size();
        int tableBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(palette.size()));
        this.minCodeSize = Math.max(2, tableBits);
        out.write(new byte[] {'G', 'I', 'F', '8', '9', 'a'});
        short16(width);
        short16(height);
        out.write(0x80 | (tableBits - 1) << 4 | (tableBits - 1)); // a global table of 2^tableBits colours
        out.write(palette.backgroundIndex());
        out.write(0);
        for (int i = 0; i < 1 << tableBits; i++) {
            int rgb = i < palette.size() ? palette.color(i).rgb() : 0;
            out.write(rgb >>> 16);
            out.write(rgb >>> 8);
            out.write(rgb);
        }
        out.write(new byte[] {0x21, (byte) 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
            3, 1, 0, 0, 0}); // loop forever
    }

    /** Adds a frame: {@code width × height} palette indexes, row-major. */
    public void frame(byte[] indexes) throws IOException {
        if (indexes.length != width * height) {
            throw new IllegalArgumentException(indexes.length + " pixels for a " + width + "x" + height + " GIF");
        }
        int[] box = previous == null ? new int[] {0, 0, width - 1, height - 1} : changed(previous, indexes);
        int left = box[0];
        int top = box[1];
        int w = box[2] - left + 1;
        int h = box[3] - top + 1;
        boolean overlay = previous != null;
        out.write(new byte[] {0x21, (byte) 0xF9, 4, (byte) (1 << 2 | (overlay ? 1 : 0)), // leave it under the next
            (byte) delayCentis, (byte) (delayCentis >>> 8), (byte) (overlay ? transparent : 0), 0});
        out.write(0x2C);
        short16(left);
        short16(top);
        short16(w);
        short16(h);
        out.write(0);
        lzw.compress(crop(indexes, left, top, w, h, overlay), minCodeSize, out);
        previous = indexes.clone();
        frames++;
    }

    /** Frames written so far. */
    public int frames() {
        return frames;
    }

    /** Ends the file. Does not close the stream. */
    public void finish() throws IOException {
        out.write(0x3B);
        out.flush();
    }

    /** The smallest rectangle holding every pixel that differs (one pixel when none does): left, top, right, bottom. */
    private int[] changed(byte[] before, byte[] after) {
        int left = width;
        int top = height;
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (before[row + x] != after[row + x]) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        return right < 0 ? new int[] {0, 0, 0, 0} : new int[] {left, top, right, bottom};
    }

    /** The rectangle's pixels; over a frame before, those it leaves as they were are transparent. */
    private byte[] crop(byte[] indexes, int left, int top, int w, int h, boolean overlay) {
        if (!overlay && w == width && h == height) {
            return indexes;
        }
        byte[] cropped = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int row = (top + y) * width + left;
            if (!overlay) {
                System.arraycopy(indexes, row, cropped, y * w, w);
                continue;
            }
            for (int x = 0; x < w; x++) {
                byte value = indexes[row + x];
                cropped[y * w + x] = value == previous[row + x] ? (byte) transparent : value;
            }
        }
        return cropped;
    }

    private void short16(int value) throws IOException {
        out.write(value);
        out.write(value >>> 8);
    }
}
