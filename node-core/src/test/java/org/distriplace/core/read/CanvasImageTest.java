package org.distriplace.core.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.distriplace.core.model.Palette;
import org.junit.jupiter.api.Test;

class CanvasImageTest {

    private static final Palette PALETTE = Palette.rPlace2022();

    @Test
    void aBlankCanvasIsBackgroundEverywhereInRowMajorOrder() {
        CanvasImage blank = CanvasImage.blank(7, 5, PALETTE);
        byte[] expected = new byte[35];
        Arrays.fill(expected, (byte) PALETTE.backgroundIndex());
        assertArrayEquals(expected, blank.toBytes());
        assertEquals(PALETTE.background(), blank.colorAt(6, 4));
    }

    @Test
    void bandsHoldWholeRowsOfAboutSixteenKilobytes() {
        assertEquals(8, CanvasImage.bandRows(2000, 2000));
        assertEquals(16, CanvasImage.bandRows(1000, 1000));
        assertEquals(32, CanvasImage.bandRows(32, 32), "a small canvas is one band");
        assertEquals(1, CanvasImage.bandRows(100_000, 3), "a very wide canvas still has a row per band");
        CanvasImage image = CanvasImage.blank(2000, 2000, PALETTE);
        assertEquals(250, image.bandCount());
        assertEquals(17, image.bandOf(139));
        assertEquals(136, image.firstRow(17));
    }

    @Test
    void aNewImageCopiesOnlyTheBandsThatChangedAndLeavesTheOldOneAsItWas() {
        CanvasImage before = CanvasImage.blank(10, 9, PALETTE);
        int rows = before.bandRows();
        assertTrue(before.bandCount() == 1, "10x9 is a single band");
        CanvasImage wide = CanvasImage.blank(4000, 9, PALETTE);
        assertEquals(4, wide.bandRows());
        byte[][] changed = new byte[wide.bandCount()][];
        changed[1] = new byte[4 * 4000];
        changed[1][4000 + 3] = 2;
        CanvasImage after = wide.withBands(changed);
        assertEquals(2, after.colorIndexAt(3, 5));
        assertEquals(PALETTE.backgroundIndex(), wide.colorIndexAt(3, 5), "the old image is unchanged");
        assertTrue(after.sharesBandWith(wide, 0) && after.sharesBandWith(wide, 2), "untouched bands are shared");
        assertFalse(after.sharesBandWith(wide, 1));
        assertEquals(rows, before.bandRows());
    }

    @Test
    void bandsOfTheWrongShapeAreRefused() {
        CanvasImage image = CanvasImage.blank(4000, 9, PALETTE);
        assertThrows(IllegalArgumentException.class, () -> image.withBands(new byte[2][]));
        byte[][] changed = new byte[image.bandCount()][];
        changed[2] = new byte[5];
        assertThrows(IllegalArgumentException.class, () -> image.withBands(changed));
    }
}
