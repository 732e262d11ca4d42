package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.distriplace.inspector.model.Flight;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/**
 * A space-time diagram of recent messages: one vertical lane per node, time running down along a ruler in cluster
 * time, each message an arrow from its send to its receipt (a lost one ends in a cross where it would have
 * arrived). The scroll bar (and the mouse wheel) goes back through what is remembered; at the bottom it follows the
 * present. The zoom (its buttons, or Ctrl with the wheel) spans 20 ms to 20 s over the view's height, so a 30 ms
 * election can fill it. Hovering over an arrow names the message. Check boxes filter by protocol. On the JavaFX
 * thread.
 */
public final class SpaceTimeView extends BorderPane {

    /** Scroll events per wheel notch add up to this much (JavaFX's default). */
    private static final double WHEEL_NOTCH = 40;
    private final Canvas canvas = new Canvas(400, 300);
    private final Pane holder = new Pane(canvas);
    private final Label hoverLabel = new Label();
    private final Label scale = new Label();
    private final ScrollBar scroll = new ScrollBar();
    private final TopicFilter filter = new TopicFilter("spacetime", Topic.MESSAGES, this::redraw);
    private final DoubleProperty fontSize = new SimpleDoubleProperty(InspectorPane.FONT_SIZE);
    /** A rung of the zoom: a few heartbeats on screen. */
    private long windowMs = 5_000;
    /** Following the present (the scroll bar at the bottom) until the user scrolls back. */
    private boolean live = true;
    private boolean updating;
    private InspectorModel model;
    private Set<Long> highlighted = Set.of();
    private long now;
    private SpaceTimeDrawing drawing;
    /** The message under the mouse (its sequence number), or -1. */
    private long hovered = -1;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    /** Ctrl+wheel movement not yet a whole notch (touchpads send many small ones). */
    private double wheel;

    public SpaceTimeView() {
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        hoverLabel.setId("spacetime-hover");
        hoverLabel.getStyleClass().add("spacetime-hover");
        hoverLabel.setManaged(false);
        hoverLabel.setMouseTransparent(true);
        hoverLabel.setVisible(false);
        holder.getChildren().add(hoverLabel);
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> hover(Double.NaN, Double.NaN));
        canvas.setOnScroll(this::wheel);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("spacetime-scroll");
        scroll.valueProperty().addListener(o -> {
            if (!updating) {
                live = scroll.getValue() >= scroll.getMax() - 1;
                redraw();
            }
        });
        fontSize.addListener(o -> {
            hoverLabel.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", fontSize.get()));
            redraw();
        });
        setCenter(holder);
        setRight(scroll);
        filter.setPadding(new Insets(4, 8, 4, 8));
        // The zoom flows on after the check boxes: one or two rows even in presentation type, not a column.
        filter.getChildren().add(zoomBar());
        setTop(filter);
    }

    private HBox zoomBar() {
        Button out = button("−", "spacetime-zoom-out", "Zoom out: more time on screen (Ctrl+wheel)", this::zoomOut);
        Button in = button("+", "spacetime-zoom-in", "Zoom in: a few milliseconds fill the view (Ctrl+wheel)",
            this::zoomIn);
        Button fit = button("Fit", "spacetime-fit", "Everything remembered (up to 20 s), following the present",
            this::fit);
        scale.setId("spacetime-scale");
        scale.setMinWidth(Region.USE_PREF_SIZE);
        // The buttons first: the scale's text changes width as it zooms, and the buttons must not move under the mouse.
        HBox bar = new HBox(6, out, in, fit, scale);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 0, 16));
        return bar;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    /** Draws the messages {@code seqs} name (a followed pixel's) bold, and fades the others; empty for none. */
    public void highlight(Set<Long> seqs) {
        highlighted = Set.copyOf(seqs);
        redraw();
    }

    /** Shows the protocol's messages, or hides them. */
    public void show(Topic topic, boolean on) {
        filter.show(topic, on);
    }

    /**
     * Sets how much cluster time the height of the view spans, 20 ms to 20 s: following the present it still
     * does; scrolled back, the moment in the middle stays there.
     */
    public void setWindowMs(long ms) {
        zoomTo(ms, 0.5);
    }

    /** How much cluster time the height of the view spans, in ms. */
    public long windowMs() {
        return windowMs;
    }

    /** The type size of node names, times and the hover label, in pixels (presentation mode makes it larger). */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    void zoomIn() {
        zoomTo(TimeAxis.zoomedIn(windowMs), 0.5);
    }

    void zoomOut() {
        zoomTo(TimeAxis.zoomedOut(windowMs), 0.5);
    }

    /** Everything remembered in view (at most the widest window), following the present again. */
    void fit() {
        List<Flight> recent = model == null ? List.of() : model.messages().recent();
        long first = recent.isEmpty() ? now : recent.get(0).sentAt();
        live = true;
        zoomTo(now - first, 1);
    }

    /**
     * Zooms to {@code ms}, keeping the moment at {@code anchor} (0 the top, 1 the bottom of the lanes) where it is;
     * following the present, the present stays at the bottom.
     */
    private void zoomTo(long ms, double anchor) {
        long next = TimeAxis.clamp(ms);
        long end = end();
        double at = end - windowMs * (1 - anchor);
        windowMs = next;
        if (live) {
            range();
        } else {
            moveTo(at + next * (1 - anchor));
        }
        redraw();
    }

    /**
     * Stops following the present and shows {@code atMs} in the middle of the view; false when the messages
     * remembered do not reach back that far (nothing to show).
     */
    public boolean showMoment(long atMs) {
        if (model == null) {
            return false;
        }
        List<Flight> recent = model.messages().recent();
        if (recent.isEmpty() || recent.get(0).sentAt() > atMs) {
            return false;
        }
        live = false;
        range();
        updating = true;
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), atMs + windowMs / 2)));
        updating = false;
        redraw();
        return true;
    }

    /** Brings the diagram up to date with {@code model} at cluster time {@code now}. */
    public void refresh(InspectorModel model, long now) {
        this.model = model;
        this.now = now;
        range();
        redraw();
    }

    /** Fits the scroll bar to what is remembered and the window; at the bottom while following the present. */
    private void range() {
        List<Flight> recent = model == null ? List.of() : model.messages().recent();
        long first = recent.isEmpty() ? now : recent.get(0).sentAt();
        updating = true;
        scroll.setMin(first + windowMs);
        scroll.setMax(Math.max(first + windowMs, now));
        scroll.setVisibleAmount(Math.max(1, windowMs));
        scroll.setUnitIncrement(Math.max(1, windowMs / 10.0));
        scroll.setBlockIncrement(Math.max(1, windowMs * 0.9));
        if (live) {
            scroll.setValue(scroll.getMax());
        }
        updating = false;
    }

    /** Shows the window ending at {@code end}; reaching the present follows it again. */
    private void moveTo(double end) {
        range();
        updating = true;
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), end)));
        updating = false;
        live = scroll.getValue() >= scroll.getMax() - 1;
    }

    private long end() {
        return (long) Math.min(scroll.getValue(), now);
    }

    /** The wheel scrolls through time; with Ctrl it zooms around the moment under the mouse. */
    private void wheel(ScrollEvent e) {
        if (e.isControlDown()) {
            wheel += e.getDeltaY();
            if (Math.abs(wheel) >= WHEEL_NOTCH) {
                SpaceTimeFrame frame = drawing == null ? null : drawing.frame();
                double anchor = frame == null ? 0.5
                    : Math.max(0, Math.min(1, (e.getY() - frame.header()) / (frame.height() - frame.header())));
                boolean wasLive = live;
                live = false;
                zoomTo(wheel > 0 ? TimeAxis.zoomedIn(windowMs) : TimeAxis.zoomedOut(windowMs), anchor);
                live = live || wasLive && anchor >= 1;
                wheel = 0;
            }
        } else if (model != null && e.getDeltaY() != 0) {
            moveTo(end() - e.getDeltaY() / WHEEL_NOTCH * windowMs * 0.1);
            redraw();
        }
        e.consume();
    }

    private void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        long seq = under().map(shape -> shape.flight().seq()).orElse(-1L);
        if (seq != hovered) {
            hovered = seq;
            redraw();
        } else {
            placeHoverLabel();
        }
    }

    private Optional<FlightShape> under() {
        return Double.isNaN(mouseX) ? Optional.empty() : nearest(mouseX, mouseY);
    }

    private Optional<FlightShape> nearest(double x, double y) {
        return drawing == null ? Optional.empty() : drawing.nearest(x, y, Math.max(5, fontSize.get() * 0.3));
    }

    /**
     * What the hover label says over the point (x, y) of the diagram: the kind and summary of the message drawn
     * nearest, within 5 pixels, its sender and receiver, when it was sent and received (or why it counts as lost).
     */
    public Optional<String> labelAt(double x, double y) {
        return nearest(x, y).map(FlightShape::label);
    }

    /** The hover label beside the mouse, turned away from the edges it would cross. */
    private void placeHoverLabel() {
        Optional<FlightShape> shape = under();
        hoverLabel.setVisible(shape.isPresent());
        if (shape.isEmpty()) {
            return;
        }
        hoverLabel.setText(shape.get().label());
        hoverLabel.applyCss();
        hoverLabel.autosize();
        double gap = 14;
        double x = mouseX + gap + hoverLabel.getWidth() > holder.getWidth() ? mouseX - gap - hoverLabel.getWidth()
            : mouseX + gap;
        double y = mouseY + gap + hoverLabel.getHeight() > holder.getHeight() ? mouseY - gap - hoverLabel.getHeight()
            : mouseY + gap;
        hoverLabel.relocate(Math.max(0, x), Math.max(0, y));
    }

    private void redraw() {
        drawing = draw(new CanvasSketch(canvas.getGraphicsContext2D()), canvas.getWidth(), canvas.getHeight(),
            hovered);
        SpaceTimeFrame frame = drawing == null ? null : drawing.frame();
        scale.setText(frame == null ? TimeAxis.duration(windowMs) + " shown"
            : TimeAxis.scale(windowMs, frame.height() - frame.header(), frame.tickGap()));
        placeHoverLabel();
    }

    /** The diagram as on screen, as SVG (for slides): the ruler, the lanes, the arrows and the crosses. */
    public String svg() {
        SvgSketch svg = new SvgSketch(canvas.getWidth(), canvas.getHeight());
        draw(svg, canvas.getWidth(), canvas.getHeight(), -1);
        return svg.toString();
    }

    /** Draws the window shown; null when there is nothing to draw it from or no room. */
    private SpaceTimeDrawing draw(Sketch g, double w, double h, long hover) {
        double header = Math.ceil(fontSize.get() * 2);
        if (model == null || w < 10 || h < header + 10) {
            g.rect(0, 0, w, h, Color.WHITE);
            return null;
        }
        SpaceTimeFrame frame = SpaceTimeDrawing.frame(end(), windowMs, w, h, model.cluster().ids(), fontSize.get());
        return SpaceTimeDrawing.draw(g, frame, model, now, new SpaceTimeDrawing.Emphasis(filter.shown(), highlighted,
            hover));
    }

    /** Arrows drawn at the last redraw. */
    public int drawnArrows() {
        return drawing == null ? 0 : drawing.arrows().size();
    }

    /** What the last redraw drew (the ruler's ticks, the arrows, the crosses), for tests; null before any. */
    SpaceTimeDrawing drawing() {
        return drawing;
    }

    /** The time span on screen, for the status line. */
    public String span() {
        long end = end();
        return String.format(Locale.ROOT, "%.1f-%.1f s", (end - windowMs) / 1000.0, end / 1000.0);
    }
}
