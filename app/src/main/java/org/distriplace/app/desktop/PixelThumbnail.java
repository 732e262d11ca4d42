package org.distriplace.app.desktop;

import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;

/**
 * A small picture of a canvas in which each canvas pixel is a sharp block: a canvas smaller than the picture is
 * drawn a whole number of times larger, without smoothing (an ImageView's scaling blurs on some graphics
 * pipelines); a larger one is scaled down smoothly. It is {@code side} wide and, for a wide canvas, less tall.
 */
final class PixelThumbnail extends Canvas {

    private Image image;

    PixelThumbnail(double side) {
        super(side, side);
    }

    /** Shows {@code shown} (a live image: call {@link #redraw} when it changed); a wide canvas makes it less tall. */
    void show(Image shown) {
        image = shown;
        fit(getWidth());
        redraw();
    }

    /** Makes the thumbnail {@code side} pixels wide, and as tall as its canvas's shape allows up to that. */
    void setSide(double side) {
        if (side != getWidth()) {
            fit(side);
            redraw();
        }
    }

    private void fit(double side) {
        setWidth(side);
        setHeight(image == null || image.getWidth() < 1 ? side
            : Math.min(side, Math.ceil(side * image.getHeight() / image.getWidth())));
    }

    void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (image == null || image.getWidth() < 1) {
            return;
        }
        double scale = scale();
        g.setImageSmoothing(scale < 1);
        g.drawImage(image, offsetX(scale), offsetY(scale), image.getWidth() * scale, image.getHeight() * scale);
    }

    /** The canvas cell under the point (x, y) of this thumbnail, if it is on the picture. */
    Optional<Point2D> cellAt(double x, double y) {
        if (image == null) {
            return Optional.empty();
        }
        double scale = scale();
        int cx = (int) Math.floor((x - offsetX(scale)) / scale);
        int cy = (int) Math.floor((y - offsetY(scale)) / scale);
        return cx < 0 || cy < 0 || cx >= image.getWidth() || cy >= image.getHeight() ? Optional.empty()
            : Optional.of(new Point2D(cx, cy));
    }

    private double scale() {
        double fit = Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        return fit >= 1 ? Math.floor(fit) : fit;
    }

    private double offsetX(double scale) {
        return Math.floor((getWidth() - image.getWidth() * scale) / 2);
    }

    private double offsetY(double scale) {
        return Math.floor((getHeight() - image.getHeight() * scale) / 2);
    }
}
