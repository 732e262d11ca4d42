package org.distriplace.inspector.view;

import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.distriplace.core.image.PngEncoder;

/** Pictures of the inspector's views for slides: a PNG exactly as on screen. On the JavaFX thread. */
final class Pictures {

    private Pictures() {
    }

    /** {@code view} as it is drawn now, as a PNG. */
    static byte[] png(Node view) {
        WritableImage shot = view.snapshot(null, null);
        int width = (int) shot.getWidth();
        int height = (int) shot.getHeight();
        int[] rgb = new int[width * height];
        PixelReader pixels = shot.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb[y * width + x] = pixels.getArgb(x, y) & 0xFFFFFF;
            }
        }
        return PngEncoder.encodeRgb(width, height, rgb);
    }
}
