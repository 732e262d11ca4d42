package org.distriplace.core.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.distriplace.core.model.Palette;

/**
 * A canvas (one palette index per pixel) as an indexed-colour PNG: the palette as its PLTE chunk, 8 bits a pixel,
 * rows unfiltered and deflated. Small and quick to write, and any browser or image viewer reads it. Pure.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int TRUECOLOR = 2;
    private static final int INDEXED = 3;

    private PngEncoder() {
    }

    /** The PNG of a {@code width} × {@code height} canvas of {@code palette} indexes, row-major. */
    public static byte[] encode(int width, int height, byte[] indexes, Palette palette) {
        if (indexes.length != width * height) {
            throw new IllegalArgumentException(indexes.length + " pixels for " + width + "x" + height);
        }
        byte[] colors = new byte[palette.size() * 3];
        for (int i = 0; i < palette.size(); i++) {
            int rgb = palette.color(i).rgb();
            colors[i * 3] = (byte) (rgb >>> 16);
            colors[i * 3 + 1] = (byte) (rgb >>> 8);
            colors[i * 3 + 2] = (byte) rgb;
        }
        return png(width, height, INDEXED, colors, width, (y, row) -> System.arraycopy(indexes, y * width, row, 0,
            width));
    }

    /** The PNG of a {@code width} × {@code height} picture of 0xRRGGBB pixels, row-major (a view's snapshot). */
    public static byte[] encodeRgb(int width, int height, int[] rgb) {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException(rgb.length + " pixels for " + width + "x" + height);
        }
        return png(width, height, TRUECOLOR, null, width * 3, (y, row) -> {
            for (int x = 0; x < width; x++) {
                int pixel = rgb[y * width + x];
                row[x * 3] = (byte) (pixel >>> 16);
                row[x * 3 + 1] = (byte) (pixel >>> 8);
                row[x * 3 + 2] = (byte) pixel;
            }
        });
    }

    /** Fills {@code row} with row {@code y}'s bytes. */
    private interface Rows {
        void fill(int y, byte[] row);
    }

    private static byte[] png(int width, int height, int colorType, byte[] palette, int rowBytes, Rows rows) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream(rowBytes * height / 4 + 1_024);
            png.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8);     // bits per sample
            h.writeByte(colorType);
            h.writeByte(0);     // deflate
            h.writeByte(0);     // adaptive filtering (every row uses filter 0: none)
            h.writeByte(0);     // not interlaced
            chunk(png, "IHDR", header.toByteArray());
            if (palette != null) {
                chunk(png, "PLTE", palette);
            }
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            byte[] row = new byte[rowBytes];
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(pixels, new Deflater(6), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    rows.fill(y, row);
                    deflate.write(0);
                    deflate.write(row);
                }
            }
            chunk(png, "IDAT", pixels.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
