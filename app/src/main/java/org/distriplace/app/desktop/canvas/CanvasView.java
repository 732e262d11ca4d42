package org.distriplace.app.desktop.canvas;

import java.nio.IntBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.distriplace.app.desktop.FxThread;
import org.distriplace.app.desktop.PlacementModel;
import org.distriplace.core.model.Palette;

/**
 * The canvas on screen. The replica's pixels live in one {@link PixelBuffer}; once per pulse the pixels committed
 * since the last pulse are written into it and the image is told the union of the dirty regions (never a redraw
 * per pixel). An overlay draws the pixel grid at high zoom, pending placements and the pixel under the cursor.
 * Wheel, keys (+, −, arrows, 0 to fit) and buttons zoom around the cursor or the centre; dragging pans; a click
 * that did not drag places a pixel.
 */
public final class CanvasView extends Region {

    private static final double DRAG_THRESHOLD = 4;
    private static final double PAN_STEP = 60;
    private static final Color GRID = Color.rgb(0, 0, 0, 0.18);

    private final CanvasPixels pixels;
    private final PixelFeed feed;
    private final Supplier<CompletableFuture<byte[]>> snapshots;
    private final PixelBuffer<IntBuffer> pixelBuffer;
    private final ImageView imageView;
    private final Canvas overlay = new Canvas();
    private final Viewport viewport;
    private final FrameStats frameStats = new FrameStats();
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");
    private final AnimationTimer pulse;
    private PixelClickHandler clickHandler = (x, y) -> { };
    private PixelClickHandler inspectHandler = (x, y) -> { };
    private final Image liveImage;
    /** The past canvas shown instead of the live one (as ARGB), or null while live. */
    private int[] past;
    private List<PlacementModel.Pending> pending = List.of();
    private boolean fitted;
    /** Counts reloads: a snapshot requested before the latest reload is stale and ignored. */
    private long generation;
    private long requestedFor = -1;
    private double pressX;
    private double pressY;
    private double lastDragX;
    private double lastDragY;
    private boolean dragged;
    private int hoverX = -1;
    private int hoverY = -1;

    /** Told which pixel a click (not a drag) landed on. */
    @FunctionalInterface
    public interface PixelClickHandler {
        void clicked(int x, int y);
    }

    /**
     * @param snapshots fetches the whole canvas (palette indices) from the node, at start and after a reload
     */
    public CanvasView(CanvasPixels pixels, PixelFeed feed, Supplier<CompletableFuture<byte[]>> snapshots) {
        this.pixels = pixels;
        this.feed = feed;
        this.snapshots = snapshots;
        this.viewport = new Viewport(pixels.width(), pixels.height());
        this.pixelBuffer = new PixelBuffer<>(pixels.width(), pixels.height(), pixels.buffer(),
            PixelFormat.getIntArgbPreInstance());
        this.liveImage = new WritableImage(pixelBuffer);
        this.imageView = new ImageView(liveImage);
        imageView.setSmooth(false);
        imageView.setManaged(false);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        getChildren().addAll(imageView, overlay);
        getStyleClass().add("canvas-view");
        setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        installHandlers();
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse();
            }
        };
        pulse.start();
    }

    public void setOnPixelClicked(PixelClickHandler handler) {
        this.clickHandler = handler;
    }

    /** Told of a click with Alt, Shift or the shortcut key held: asking about a pixel, not painting it. */
    public void setOnPixelInspected(PixelClickHandler handler) {
        this.inspectHandler = handler;
    }

    /**
     * Shows a past canvas (one palette index per pixel, row-major) instead of the live one, which keeps updating
     * unseen.
     */
    public void showPast(byte[] indexes, Palette palette) {
        int[] argb = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            argb[i] = 0xFF00_0000 | palette.color(indexes[i] & 0xFF).rgb();
        }
        // Backed like the live image (opaque ARGB is its own premultiplied form), so it scales as crisply.
        WritableImage image = new WritableImage(new PixelBuffer<>(pixels.width(), pixels.height(),
            IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance()));
        past = argb;
        imageView.setImage(image);
        updateHoverText();
        drawOverlay();
    }

    /** Back to the live canvas. */
    public void showLive() {
        past = null;
        imageView.setImage(liveImage);
        updateHoverText();
        drawOverlay();
    }

    /** The colour shown at a pixel (ARGB): the past one while a past canvas is shown. */
    public int shownArgbAt(int x, int y) {
        return past != null ? past[y * pixels.width() + x] : pixels.argbAt(x, y);
    }

    public boolean showsPast() {
        return past != null;
    }

    /** "x, y  #RRGGBB" of the pixel under the cursor, or empty. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public Viewport viewport() {
        return viewport;
    }

    public CanvasPixels pixels() {
        return pixels;
    }

    /** The canvas image itself, to show elsewhere too (a thumbnail shares the pixels, drawn once). */
    public Image image() {
        return liveImage;
    }

    public FrameStats frameStats() {
        return frameStats;
    }

    /** Placements to outline as pending. */
    public void showPending(List<PlacementModel.Pending> placements) {
        this.pending = List.copyOf(placements);
        drawOverlay();
    }

    /** Stops the per-pulse updates (the window is closing). */
    public void stop() {
        pulse.stop();
    }

    /** The centre of pixel (x, y) in this view's coordinates. */
    public Point2D pointOf(int x, int y) {
        return new Point2D(viewport.screenX(x + 0.5), viewport.screenY(y + 0.5));
    }

    public void zoomIn() {
        zoomAt(1.5, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / 1.5, getWidth() / 2, getHeight() / 2);
    }

    public void zoomAt(double factor, double x, double y) {
        viewport.zoomAt(factor, x, y);
        placeImage();
    }

    public void fit() {
        viewport.fit(getWidth(), getHeight());
        placeImage();
    }

    @Override
    protected void layoutChildren() {
        if (!fitted && getWidth() > 0 && getHeight() > 0) {
            fitted = true;
            viewport.fit(getWidth(), getHeight());
        }
        overlay.setWidth(getWidth());
        overlay.setHeight(getHeight());
        placeImage();
    }

    private void onPulse() {
        long started = System.nanoTime();
        PixelFeed.Taken taken = feed.take();
        if (pixels.apply(taken.entries(), taken.count())) {
            generation++;
        }
        if (pixels.awaitingSnapshot() && requestedFor != generation) {
            requestSnapshot();
        }
        int[] dirty = pixels.takeDirtyRegion();
        if (dirty != null) {
            pixelBuffer.updateBuffer(buffer -> new Rectangle2D(dirty[0], dirty[1], dirty[2], dirty[3]));
            if (hoverX >= 0) {
                updateHoverText();
            }
        }
        frameStats.record(taken.count(), System.nanoTime() - started);
    }

    private void requestSnapshot() {
        long requested = generation;
        requestedFor = requested;
        snapshots.get().whenComplete((indices, failure) -> FxThread.run(() -> {
            if (requested != generation) {
                return;
            }
            if (failure == null) {
                pixels.applySnapshot(indices);
            } else {
                requestedFor = -1;
            }
        }));
    }

    /** Shows only the visible part of the image, scaled, so zooming in on a big canvas stays cheap. */
    private void placeImage() {
        int[] region = viewport.visibleRegion(getWidth(), getHeight());
        if (region == null) {
            imageView.setVisible(false);
        } else {
            imageView.setVisible(true);
            imageView.setViewport(new Rectangle2D(region[0], region[1], region[2], region[3]));
            imageView.setFitWidth(region[2] * viewport.scale());
            imageView.setFitHeight(region[3] * viewport.scale());
            imageView.relocate(viewport.screenX(region[0]), viewport.screenY(region[1]));
        }
        drawOverlay();
    }

    private void drawOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        int[] region = viewport.visibleRegion(getWidth(), getHeight());
        if (region == null) {
            return;
        }
        double scale = viewport.scale();
        if (viewport.showsGrid()) {
            drawGrid(g, region);
        }
        for (PlacementModel.Pending placement : past != null ? List.<PlacementModel.Pending>of() : pending) {
            double x = viewport.screenX(placement.x());
            double y = viewport.screenY(placement.y());
            double size = Math.max(scale, 6);
            double inset = (size - scale) / 2;
            g.setFill(Color.rgb((placement.color().rgb() >> 16) & 0xFF, (placement.color().rgb() >> 8) & 0xFF,
                placement.color().rgb() & 0xFF, 0.6));
            g.fillRect(x - inset, y - inset, size, size);
            g.setStroke(Color.BLACK);
            g.setLineDashes(3, 3);
            g.setLineWidth(1.5);
            g.strokeRect(x - inset, y - inset, size, size);
            g.setLineDashes();
        }
        if (hoverX >= 0 && scale >= 2) {
            g.setStroke(Color.rgb(0, 0, 0, 0.7));
            g.setLineWidth(1);
            g.strokeRect(viewport.screenX(hoverX) + 0.5, viewport.screenY(hoverY) + 0.5, scale - 1, scale - 1);
        }
    }

    private void drawGrid(GraphicsContext g, int[] region) {
        g.setStroke(GRID);
        g.setLineWidth(1);
        double top = viewport.screenY(region[1]);
        double bottom = viewport.screenY(region[1] + region[3]);
        double left = viewport.screenX(region[0]);
        double right = viewport.screenX(region[0] + region[2]);
        for (int x = region[0]; x <= region[0] + region[2]; x++) {
            double sx = Math.floor(viewport.screenX(x)) + 0.5;
            g.strokeLine(sx, top, sx, bottom);
        }
        for (int y = region[1]; y <= region[1] + region[3]; y++) {
            double sy = Math.floor(viewport.screenY(y)) + 0.5;
            g.strokeLine(left, sy, right, sy);
        }
    }

    private void installHandlers() {
        addEventHandler(ScrollEvent.SCROLL, e -> {
            zoomAt(Math.exp(e.getDeltaY() / 200), e.getX(), e.getY());
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            pressX = e.getX();
            pressY = e.getY();
            lastDragX = pressX;
            lastDragY = pressY;
            dragged = false;
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > DRAG_THRESHOLD) {
                dragged = true;
            }
            if (dragged) {
                viewport.panBy(e.getX() - lastDragX, e.getY() - lastDragY);
                lastDragX = e.getX();
                lastDragY = e.getY();
                placeImage();
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            int x = viewport.pixelX(e.getX());
            int y = viewport.pixelY(e.getY());
            if (!dragged && e.getButton() == MouseButton.PRIMARY && x >= 0 && y >= 0) {
                boolean asking = e.isAltDown() || e.isShiftDown() || e.isShortcutDown();
                (asking ? inspectHandler : clickHandler).clicked(x, y);
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(viewport.pixelX(e.getX()), viewport.pixelY(e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, -1));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> zoomIn();
            case MINUS, SUBTRACT -> zoomOut();
            case DIGIT0, NUMPAD0 -> fit();
            case LEFT -> pan(PAN_STEP, 0);
            case RIGHT -> pan(-PAN_STEP, 0);
            case UP -> pan(0, PAN_STEP);
            case DOWN -> pan(0, -PAN_STEP);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void pan(double dx, double dy) {
        viewport.panBy(dx, dy);
        placeImage();
    }

    private void hover(int x, int y) {
        if (x < 0 || y < 0) {
            x = -1;
            y = -1;
        }
        if (x == hoverX && y == hoverY) {
            return;
        }
        hoverX = x;
        hoverY = y;
        updateHoverText();
        drawOverlay();
    }

    private void updateHoverText() {
        hoverText.set(hoverX < 0 ? "" : String.format(Locale.ROOT, "%d, %d  #%06X", hoverX, hoverY,
            shownArgbAt(hoverX, hoverY) & 0xFF_FFFF));
    }
}
