package org.distriplace.core.history;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.CanvasImage;
import org.junit.jupiter.api.Test;

/** What a rollback restores: a player's work nobody painted over, or an area as it was. */
class RollbackPlanTest {

    private static final Palette PALETTE = Palette.rPlace2022();
    private static final Color RED = Color.of("#FF4500");
    private static final Color BLUE = Color.of("#2450A4");
    private static final Color GREEN = Color.of("#00A368");
    private static final Color WHITE = PALETTE.color(PALETTE.backgroundIndex());

    private static byte[] canvas(Map<Integer, Color> painted) {
        byte[] pixels = new byte[16];
        Arrays.fill(pixels, (byte) PALETTE.backgroundIndex());
        painted.forEach((at, color) -> pixels[at] = (byte) PALETTE.indexOf(color));
        return pixels;
    }

    private static CanvasImage image(byte[] pixels) {
        CanvasImage blank = CanvasImage.blank(4, 4, PALETTE);
        assertEquals(1, blank.bandCount(), "a 4x4 canvas is one band");
        return blank.withBands(new byte[][] {pixels});
    }

    // Before the window: (1,1) blue. In it: mallory paints (1,1) and (2,2) red, bob paints (3,3) blue.
    // After it: bob paints over (2,2) in green.
    private final PastCanvas before = new PastCanvas(4, 4, 0, 0, 1, canvas(Map.of(5, BLUE)));
    private final List<PixelWrite> window = List.of(write(3, 2, 1, 1, "#FF4500", "mallory", 10),
        write(3, 3, 2, 2, "#FF4500", "mallory", 11), write(3, 4, 3, 3, "#2450A4", "bob", 12));
    private final PixelWrite over = write(3, 5, 2, 2, "#00A368", "bob", 20);
    private final CanvasImage now = image(canvas(Map.of(5, RED, 10, GREEN, 15, BLUE)));

    private PixelWrite newest(int x, int y) {
        Map<Integer, PixelWrite> top = new HashMap<>();
        window.forEach(write -> top.put(write.y() * 4 + write.x(), write));
        top.put(10, over);
        return top.get(y * 4 + x);
    }

    @Test
    void aPlayersRollbackRestoresOnlyWhatIsStillTheirs() {
        List<RollbackPlan.Restore> plan = RollbackPlan.ofPlayer("mallory", window, before, this::newest, now);
        assertEquals(List.of(new RollbackPlan.Restore(1, 1, BLUE)), plan,
            "(2,2) was painted over by bob since, and (3,3) is bob's");
        assertEquals(List.of(), RollbackPlan.ofPlayer("nobody", window, before, this::newest, now));
    }

    @Test
    void anAreaGoesBackToHowItWasPixelByPixel() {
        List<RollbackPlan.Restore> plan = RollbackPlan.ofArea(0, 0, 4, 4, before, now);
        assertEquals(List.of(new RollbackPlan.Restore(1, 1, BLUE), new RollbackPlan.Restore(2, 2, WHITE),
            new RollbackPlan.Restore(3, 3, WHITE)), plan);
        assertEquals(List.of(new RollbackPlan.Restore(3, 3, WHITE)), RollbackPlan.ofArea(3, 3, 1, 1, before, now),
            "only inside the area");
    }
}
