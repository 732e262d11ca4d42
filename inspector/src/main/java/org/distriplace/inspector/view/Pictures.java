package org.distriplace.inspector.view;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.distriplace.core.image.PngEncoder;

/**
 * Pictures of the inspector's views for slides: PNG as on screen, or SVG. On the JavaFX thread. {@link #png} is
 * public: the demo window's tests take their screenshots with it.
 */
public final class Pictures {

    private Pictures() {
    }

    /**
     * Saves {@code view} to {@code file}: SVG from {@code svg} when the name ends in {@code .svg}, otherwise a PNG of
     * the view as on screen. Returns what to tell the user.
     */
    static String save(Path file, Node view, Supplier<String> svg, String what) {
        boolean vectors = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        try {
            if (vectors) {
                Files.writeString(file, svg.get(), StandardCharsets.UTF_8);
            } else {
                Files.write(file, png(view));
            }
            return "saved " + what.toLowerCase(Locale.ROOT) + " to " + file.getFileName();
        } catch (IOException e) {
            return "could not save the picture: " + e.getMessage();
        }
    }

    /** Writes {@code text} to {@code file}; returns {@code done} and the file's name, or why it could not. */
    static String write(Path file, Supplier<String> text, String done) {
        try {
            Files.writeString(file, text.get(), StandardCharsets.UTF_8);
            return done + " to " + file.getFileName();
        } catch (IOException e) {
            return "could not export: " + e.getMessage();
        }
    }

    /** {@code view} as it is drawn now, as a PNG. */
    public static byte[] png(Node view) {
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
