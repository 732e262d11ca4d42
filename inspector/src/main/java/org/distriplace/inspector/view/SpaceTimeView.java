package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.distriplace.inspector.model.Flight;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/**
 * A space-time diagram of recent messages: one vertical line per node, time running down, each message an arrow
 * from its send to its receipt (a lost one ends in a cross). The scroll bar goes back through what is remembered;
 * at the bottom it follows the present. Check boxes filter by protocol.
 */
public final class SpaceTimeView extends BorderPane {

    private static final double HEADER = 22;
    private static final Color LANE = Color.web("#c8ccd0");
    private static final Color LABEL = Color.web("#333333");
    private static final Color LOST = Color.web("#d55e00");
    private final Canvas canvas = new Canvas(400, 300);
    private final ScrollBar scroll = new ScrollBar();
    private final TopicFilter filter = new TopicFilter("spacetime", Topic.MESSAGES, this::redraw);
    private long windowMs = 4_000;
    private int drawn;
    /** Following the present (the scroll bar at the bottom) until the user scrolls back. */
    private boolean live = true;
    private boolean updating;
    private InspectorModel model;
    private Set<Long> highlighted = Set.of();
    private long now;

    public SpaceTimeView() {
        Pane holder = new Pane(canvas);
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("spacetime-scroll");
        scroll.valueProperty().addListener(o -> {
            if (!updating) {
                live = scroll.getValue() >= scroll.getMax() - 1;
                redraw();
            }
        });
        setCenter(holder);
        setRight(scroll);
        filter.setPadding(new Insets(4, 8, 4, 8));
        setTop(filter);
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

    /** Sets how much cluster time the height of the view spans. */
    public void setWindowMs(long ms) {
        windowMs = Math.max(100, ms);
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
        updating = true;
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), atMs + windowMs / 2)));
        updating = false;
        redraw();
        return true;
    }

    public void refresh(InspectorModel model, long now) {
        this.model = model;
        List<Flight> recent = model.messages().recent();
        long first = recent.isEmpty() ? now : recent.get(0).sentAt();
        updating = true;
        scroll.setMin(first + windowMs);
        scroll.setMax(Math.max(first + windowMs, now));
        scroll.setVisibleAmount(Math.max(1, windowMs));
        if (live) {
            scroll.setValue(scroll.getMax());
        }
        updating = false;
        this.now = now;
        redraw();
    }

    private void redraw() {
        drawn = draw(new CanvasSketch(canvas.getGraphicsContext2D()), canvas.getWidth(), canvas.getHeight());
    }

    /** The diagram as on screen, as SVG (for slides). */
    public String svg() {
        SvgSketch svg = new SvgSketch(canvas.getWidth(), canvas.getHeight());
        draw(svg, canvas.getWidth(), canvas.getHeight());
        return svg.toString();
    }

    /** Draws the lanes and the messages of the window shown; returns how many messages. */
    private int draw(Sketch g, double w, double h) {
        g.rect(0, 0, w, h, Color.WHITE);
        int count = 0;
        if (model == null || w < 10 || h < HEADER + 10) {
            return count;
        }
        List<Integer> ids = model.cluster().ids();
        long end = (long) Math.min(scroll.getValue(), now);
        long start = end - windowMs;
        drawLanes(g, ids, w, h);
        for (Flight f : model.messages().recent()) {
            long arrive = f.delivered() ? f.receivedAt() : Math.min(now, f.sentAt() + windowMs);
            if (!filter.shown().contains(f.topic()) || arrive < start || f.sentAt() > end) {
                continue;
            }
            count += drawFlight(g, f, ids, start, w, h);
        }
        return count;
    }

    private static void drawLanes(Sketch g, List<Integer> ids, double w, double h) {
        for (int i = 0; i < ids.size(); i++) {
            double x = laneX(i, ids.size(), w);
            g.line(x, HEADER, x, h, LANE, 1);
            g.text("n" + ids.get(i), x, 15, LABEL, 12, true, true);
        }
    }

    private int drawFlight(Sketch g, Flight f, List<Integer> ids, long start, double w, double h) {
        int from = ids.indexOf(f.from());
        int to = ids.indexOf(f.to());
        if (from < 0 || to < 0) {
            return 0;
        }
        double x1 = laneX(from, ids.size(), w);
        double x2 = laneX(to, ids.size(), w);
        double y1 = y(f.sentAt(), start, h);
        long arrival = f.delivered() ? f.receivedAt() : f.lost() ? f.sentAt() + model.messages().typicalMs() * 4 : now;
        double y2 = y(arrival, start, h);
        if (!f.delivered()) {
            // Unfinished: draw only part of the way (in flight), or to a cross (lost).
            double part = f.lost() ? 0.5 : 0.8;
            x2 = x1 + (x2 - x1) * part;
        }
        boolean followed = highlighted.contains(f.seq());
        Color color = highlighted.isEmpty() || followed ? TopicColors.of(f.topic())
            : TopicColors.of(f.topic()).deriveColor(0, 1, 1, 0.2);
        g.line(x1, y1, x2, y2, color, followed ? 3.5 : f.topic() == Topic.HEARTBEAT ? 0.8 : 1.6);
        if (f.lost()) {
            g.line(x2 - 4, y2 - 4, x2 + 4, y2 + 4, LOST, 1.6);
            g.line(x2 - 4, y2 + 4, x2 + 4, y2 - 4, LOST, 1.6);
        } else {
            g.circle(x2, y2, 2.5, color, null, 0, null);
        }
        return 1;
    }

    private static double laneX(int index, int count, double w) {
        return w * (index + 0.5) / Math.max(1, count);
    }

    private double y(long t, long start, double h) {
        return HEADER + (h - HEADER) * (t - start) / (double) windowMs;
    }

    /** Arrows drawn at the last redraw. */
    public int drawnArrows() {
        return drawn;
    }

    /** The time span on screen, for the status line. */
    public String span() {
        long end = (long) Math.min(scroll.getValue(), now);
        return String.format(Locale.ROOT, "%.1f-%.1f s", (end - windowMs) / 1000.0, end / 1000.0);
    }
}
