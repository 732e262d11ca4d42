package org.distriplace.app.desktop.canvas;

/**
 * Which part of the canvas the view shows, and how large: screen = canvas × scale + offset. Zooming keeps the
 * canvas point under the cursor fixed. Plain arithmetic, no JavaFX, so it is tested as plain JUnit.
 */
public final class Viewport {

    /** Smallest and largest screen pixels per canvas pixel. */
    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 64;
    /** From this scale on, a grid separates the pixels. */
    public static final double GRID_SCALE = 8;

    private final int canvasWidth;
    private final int canvasHeight;
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    public Viewport(int canvasWidth, int canvasHeight) {
        this.canvasWidth = canvasWidth;
        this.canvasHeight = canvasHeight;
    }

    public double scale() {
        return scale;
    }

    public double offsetX() {
        return offsetX;
    }

    public double offsetY() {
        return offsetY;
    }

    public int canvasWidth() {
        return canvasWidth;
    }

    public int canvasHeight() {
        return canvasHeight;
    }

    public boolean showsGrid() {
        return scale >= GRID_SCALE;
    }

    /** Canvas x (fractional) under a screen point. */
    public double canvasX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    public double canvasY(double screenY) {
        return (screenY - offsetY) / scale;
    }

    public double screenX(double canvasX) {
        return canvasX * scale + offsetX;
    }

    public double screenY(double canvasY) {
        return canvasY * scale + offsetY;
    }

    /** The pixel under a screen point, or -1 in either coordinate when it is off the canvas. */
    public int pixelX(double screenX) {
        return pixelIndex(canvasX(screenX), canvasWidth);
    }

    public int pixelY(double screenY) {
        return pixelIndex(canvasY(screenY), canvasHeight);
    }

    private static int pixelIndex(double coordinate, int size) {
        int pixel = (int) Math.floor(coordinate);
        return pixel >= 0 && pixel < size ? pixel : -1;
    }

    /** Multiplies the scale by {@code factor} (clamped), keeping the canvas point under the screen point fixed. */
    public void zoomAt(double factor, double screenX, double screenY) {
        double canvasX = canvasX(screenX);
        double canvasY = canvasY(screenY);
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        offsetX = screenX - canvasX * scale;
        offsetY = screenY - canvasY * scale;
    }

    public void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /** Shows the whole canvas centred in a view of this size. */
    public void fit(double viewWidth, double viewHeight) {
        if (viewWidth <= 0 || viewHeight <= 0) {
            return;
        }
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE,
            Math.min(viewWidth / canvasWidth, viewHeight / canvasHeight)));
        offsetX = (viewWidth - canvasWidth * scale) / 2;
        offsetY = (viewHeight - canvasHeight * scale) / 2;
    }

    /**
     * The canvas region visible in a view of this size, clamped to the canvas: {@code {x, y, width, height}} in
     * canvas pixels (whole pixels, so the image is cut on pixel edges), or null when none of it is visible.
     */
    public int[] visibleRegion(double viewWidth, double viewHeight) {
        int x0 = (int) Math.max(0, Math.floor(canvasX(0)));
        int y0 = (int) Math.max(0, Math.floor(canvasY(0)));
        int x1 = (int) Math.min(canvasWidth, Math.ceil(canvasX(viewWidth)));
        int y1 = (int) Math.min(canvasHeight, Math.ceil(canvasY(viewHeight)));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }
}
