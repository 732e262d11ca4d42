package org.distriplace.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.distriplace.core.model.Palette;
import org.junit.jupiter.api.Test;

/** Both kinds of PNG the node and the inspector write, read back by the JDK's own decoder. */
class PngEncoderTest {

    @Test
    void aTrueColourPictureReadsBackPixelForPixel() throws Exception {
        int[] rgb = {0xFF4500, 0x2450A4, 0xFFFFFF, 0x000000, 0x00A368, 0x123456};
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngEncoder.encodeRgb(3, 2, rgb)));
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        for (int i = 0; i < rgb.length; i++) {
            assertEquals(rgb[i], image.getRGB(i % 3, i / 3) & 0xFFFFFF, "pixel " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.encodeRgb(3, 3, rgb));
    }

    @Test
    void aCanvasOfPaletteIndexesReadsBackInItsColours() throws Exception {
        Palette palette = Palette.rPlace2022();
        byte[] indexes = {0, 1, 2, (byte) (palette.size() - 1)};
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(2, 2, indexes, palette)));
        for (int i = 0; i < indexes.length; i++) {
            assertEquals(palette.color(indexes[i] & 0xFF).rgb(), image.getRGB(i % 2, i / 2) & 0xFFFFFF);
        }
    }
}
