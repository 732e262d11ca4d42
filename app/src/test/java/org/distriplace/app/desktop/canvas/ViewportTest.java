package org.distriplace.app.desktop.canvas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void fitCentresTheWholeCanvas() {
        Viewport view = new Viewport(200, 100);
        view.fit(800, 800);
        assertEquals(4, view.scale());
        assertEquals(0, view.screenX(0));
        assertEquals(200, view.screenY(0), "centred vertically");
        assertArrayEquals(new int[] {0, 0, 200, 100}, view.visibleRegion(800, 800));
    }

    @Test
    void zoomKeepsTheCanvasPointUnderTheCursorFixedWhereverItIs() {
        Random random = new Random(7);
        Viewport view = new Viewport(2000, 2000);
        view.fit(1000, 700);
        for (int i = 0; i < 1_000; i++) {
            double sx = random.nextDouble() * 1000;
            double sy = random.nextDouble() * 700;
            double cx = view.canvasX(sx);
            double cy = view.canvasY(sy);
            view.zoomAt(Math.exp(random.nextGaussian()), sx, sy);
            assertEquals(cx, view.canvasX(sx), 1e-6 * Math.max(1, Math.abs(cx)));
            assertEquals(cy, view.canvasY(sy), 1e-6 * Math.max(1, Math.abs(cy)));
            assertTrue(view.scale() >= Viewport.MIN_SCALE && view.scale() <= Viewport.MAX_SCALE);
        }
    }

    @Test
    void pixelsUnderTheCursorAndTheVisibleRegionFollowPanning() {
        Viewport view = new Viewport(100, 100);
        view.fit(100, 100);
        view.zoomAt(10, 0, 0);
        assertTrue(view.showsGrid());
        assertEquals(4, view.pixelX(45));
        view.panBy(-200, -300);
        assertEquals(24, view.pixelX(45));
        assertEquals(30, view.pixelY(0));
        assertArrayEquals(new int[] {20, 30, 10, 10}, view.visibleRegion(100, 100));
        view.panBy(5_000, 0);
        assertEquals(-1, view.pixelX(10), "left of the canvas");
        assertNull(view.visibleRegion(100, 100));
        view.zoomAt(1e-9, 0, 0);
        assertEquals(Viewport.MIN_SCALE, view.scale());
        assertFalse(view.showsGrid());
    }
}
