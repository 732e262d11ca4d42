package org.distriplace.core.read;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;

/**
 * An immutable picture of a canvas: one palette index per pixel, held in horizontal bands of whole rows. A new
 * image shares every band the commit did not touch with the image before it (copy-on-write per band), so
 * publishing one after each committed batch costs the bands that batch changed, not the canvas. Safe to read
 * from any thread: no band is ever written after the image is built.
 */
public final class CanvasImage {

    /** About this many bytes per band: small enough that a batch of a few pixels copies little. */
    static final int BAND_BYTES = 16 * 1024;

    private final int width;
    private final int height;
    private final int bandRows;
    private final Palette palette;
    private final byte[][] bands;

    private CanvasImage(int width, int height, int bandRows, Palette palette, byte[][] bands) {
        this.width = width;
        this.height = height;
        this.bandRows = bandRows;
        this.palette = palette;
        this.bands = bands;
    }

    /** A canvas nobody has painted: every pixel the palette's background. */
    public static CanvasImage blank(int width, int height, Palette palette) {
        int bandRows = bandRows(width, height);
        byte[][] bands = new byte[(height + bandRows - 1) / bandRows][];
        for (int band = 0; band < bands.length; band++) {
            bands[band] = new byte[rowsIn(band, bandRows, height) * width];
            Arrays.fill(bands[band], (byte) palette.backgroundIndex());
        }
        return new CanvasImage(width, height, bandRows, palette, bands);
    }

    /** Rows per band for a canvas of this size. */
    public static int bandRows(int width, int height) {
        return Math.max(1, Math.min(height, BAND_BYTES / width));
    }

    private static int rowsIn(int band, int bandRows, int height) {
        return Math.min(bandRows, height - band * bandRows);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Palette palette() {
        return palette;
    }

    /** Rows per band. */
    public int bandRows() {
        return bandRows;
    }

    public int bandCount() {
        return bands.length;
    }

    /** The band holding row {@code y}. */
    public int bandOf(int y) {
        return y / bandRows;
    }

    /** The first row of {@code band}. */
    public int firstRow(int band) {
        return band * bandRows;
    }

    public int colorIndexAt(int x, int y) {
        return bands[y / bandRows][(y % bandRows) * width + x] & 0xFF;
    }

    public Color colorAt(int x, int y) {
        return palette.color(colorIndexAt(x, y));
    }

    /** The palette index at offset {@code i} of band {@code band} (row-major within the band). */
    public int indexInBand(int band, int i) {
        return bands[band][i] & 0xFF;
    }

    /** Pixels in {@code band}. */
    public int bandLength(int band) {
        return bands[band].length;
    }

    /** Writes the palette indexes, row-major, to {@code out}: the binary canvas format, band by band. */
    public void writeTo(OutputStream out) throws IOException {
        for (byte[] band : bands) {
            out.write(band);
        }
    }

    /**
     * Copies {@code length} palette indexes from row-major offset {@code from} (y × width + x) into {@code into}:
     * a piece of the binary canvas, for sending it a piece at a time.
     */
    public void copy(int from, byte[] into, int intoOffset, int length) {
        if (from < 0 || length < 0 || from + length > width * height) {
            throw new IndexOutOfBoundsException(from + "+" + length + " is outside a canvas of " + width * height);
        }
        int bandBytes = bandRows * width;
        int copied = 0;
        while (copied < length) {
            int at = from + copied;
            byte[] band = bands[at / bandBytes];
            int inBand = at % bandBytes;
            int take = Math.min(length - copied, band.length - inBand);
            System.arraycopy(band, inBand, into, intoOffset + copied, take);
            copied += take;
        }
    }

    /** Palette indexes, row-major (offset y × width + x): the binary canvas format. A fresh copy. */
    public byte[] toBytes() {
        byte[] all = new byte[width * height];
        for (int band = 0; band < bands.length; band++) {
            System.arraycopy(bands[band], 0, all, band * bandRows * width, bands[band].length);
        }
        return all;
    }

    /**
     * The image after some bands changed: {@code changed[b]} is the new content of band {@code b}, or null where
     * the band is shared with this image. The arrays given become the new image's and must not be written again.
     */
    public CanvasImage withBands(byte[][] changed) {
        if (changed.length != bands.length) {
            throw new IllegalArgumentException("expected " + bands.length + " bands, got " + changed.length);
        }
        byte[][] next = bands.clone();
        for (int band = 0; band < changed.length; band++) {
            if (changed[band] != null) {
                if (changed[band].length != bands[band].length) {
                    throw new IllegalArgumentException("band " + band + " has the wrong size");
                }
                next[band] = changed[band];
            }
        }
        return new CanvasImage(width, height, bandRows, palette, next);
    }

    /** True when band {@code band} is the very same array in both images (it was not copied). */
    public boolean sharesBandWith(CanvasImage other, int band) {
        return bands[band] == other.bands[band];
    }
}
