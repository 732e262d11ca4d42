package org.distriplace.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.model.Palette;
import org.distriplace.core.testing.GifFrames;
import org.junit.jupiter.api.Test;

class GifWriterTest {

    private static final Palette PALETTE = Palette.rPlace2022();

    @Test
    void framesDecodeWithTheJdksReaderToExactlyThePixelsWritten() throws IOException {
        Random random = new Random(14);
        int width = 37;
        int height = 23;
        List<byte[]> frames = new ArrayList<>();
        byte[] canvas = new byte[width * height];
        for (int f = 0; f < 12; f++) {
            int changes = f == 5 ? 0 : 1 + random.nextInt(f < 3 ? 5 : 400); // a frame with no change, too
            for (int i = 0; i < changes; i++) {
                canvas[random.nextInt(canvas.length)] = (byte) random.nextInt(PALETTE.size());
            }
            frames.add(canvas.clone());
        }
        GifFrames.Decoded decoded = GifFrames.decode(gif(width, height, 7, frames));

        assertEquals(width, decoded.width());
        assertEquals(height, decoded.height());
        assertEquals(frames.size(), decoded.frames().size());
        for (int f = 0; f < frames.size(); f++) {
            assertArrayEquals(rgb(frames.get(f)), decoded.frames().get(f), "frame " + f);
            assertEquals(7, decoded.delays().get(f));
        }
    }

    /** Long runs and noise both push the code table past 4096 entries, so it is cleared and widened many times. */
    @Test
    void aLargeNoisyFrameSurvivesManyTableResets() throws IOException {
        Random random = new Random(3);
        int width = 640;
        int height = 480;
        byte[] noise = new byte[width * height];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (i < noise.length / 3 ? 0 : random.nextInt(i < noise.length * 2 / 3 ? 3 : 32));
        }
        byte[] gif = gif(width, height, 10, List.of(noise));

        assertArrayEquals(rgb(noise), GifFrames.decode(gif).frames().get(0));
        assertTrue(gif.length < noise.length, "compressed: " + gif.length + " bytes for " + noise.length + " pixels");
    }

    @Test
    void aFewChangedPixelsCostAFewBytesNotAFrame() throws IOException {
        byte[] first = new byte[500 * 500];
        byte[] second = first.clone();
        second[250 * 500 + 250] = 5;
        second[251 * 500 + 252] = 6;
        byte[] one = gif(500, 500, 10, List.of(first));
        byte[] two = gif(500, 500, 10, List.of(first, second));

        assertTrue(two.length - one.length < 40, "the second frame took " + (two.length - one.length) + " bytes");
    }

    /** An evening on a big canvas: a thousand pixels change a frame, scattered everywhere. */
    @Test
    void scatteredChangesCostAboutTheirOwnBytesNotTheWholeRectangle() throws IOException {
        Random random = new Random(8);
        byte[] first = new byte[500 * 500];
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) random.nextInt(PALETTE.size());
        }
        byte[] second = first.clone();
        for (int i = 0; i < 1_000; i++) {
            second[random.nextInt(second.length)] = (byte) random.nextInt(PALETTE.size());
        }
        byte[] one = gif(500, 500, 10, List.of(first));
        byte[] two = gif(500, 500, 10, List.of(first, second));

        assertTrue(two.length - one.length < 8_000, "the second frame took " + (two.length - one.length)
            + " bytes; the first " + one.length);
        assertArrayEquals(rgb(second), GifFrames.decode(two).frames().get(1));
    }

    @Test
    void refusesFramesOfTheWrongSizeAndImpossibleDimensions() throws IOException {
        GifWriter writer = new GifWriter(new ByteArrayOutputStream(), 4, 4, PALETTE, 10);
        assertThrows(IllegalArgumentException.class, () -> writer.frame(new byte[15]));
        assertThrows(IllegalArgumentException.class,
            () -> new GifWriter(new ByteArrayOutputStream(), 70_000, 1, PALETTE, 10));
    }

    private static byte[] gif(int width, int height, int delay, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GifWriter writer = new GifWriter(out, width, height, PALETTE, delay);
        for (byte[] frame : frames) {
            writer.frame(frame);
        }
        writer.finish();
        assertEquals(frames.size(), writer.frames());
        return out.toByteArray();
    }

    private static int[] rgb(byte[] indexes) {
        int[] rgb = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            rgb[i] = PALETTE.color(indexes[i]).rgb();
        }
        return rgb;
    }
}
