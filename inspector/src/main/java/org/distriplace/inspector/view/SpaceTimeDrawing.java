package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.paint.Color;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.Flight;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/**
 * One drawing of the space-time diagram through a {@link Sketch}, so the screen and the SVG for slides are the same
 * picture: the ruler and its grid, a lane per node under its name, and an arrow per message shown. It remembers what
 * it drew, for hovering and for tests.
 *
 * @param arrows  the messages drawn, in drawing order
 * @param ticks   the ruler's ticks drawn
 * @param crosses where lost messages' crosses were drawn
 */
record SpaceTimeDrawing(SpaceTimeFrame frame, List<FlightShape> arrows, List<TimeAxis.Tick> ticks,
                        List<Point2D> crosses) {

    private static final Color LANE = Color.web("#b8bec5");
    private static final Color GRID = Color.web("#e2e5e9");
    private static final Color RULER = Color.web("#f6f7f9");
    private static final Color LABEL = Color.web("#222222");
    private static final Color DOWN = Color.web("#8a8f94");
    private static final Color LOST = Color.web("#b00020");

    /** What to draw besides the model: which protocols, which messages bold, which one under the mouse. */
    record Emphasis(Set<Topic> shown, Set<Long> highlighted, long hovered) {
    }

    /** The frame for {@code windowMs} ending at {@code endMs}, its ruler as wide as its longest label. */
    static SpaceTimeFrame frame(long endMs, long windowMs, double width, double height, List<Integer> ids,
                                double fontSize) {
        SpaceTimeFrame probe = new SpaceTimeFrame(endMs - windowMs, windowMs, width, height, ids, fontSize, 0);
        long step = TimeAxis.step(windowMs, height - probe.header(), probe.tickGap());
        double longest = Math.max(SpaceTimeFrame.textWidth(TimeAxis.label(endMs, step), fontSize),
            SpaceTimeFrame.textWidth("time ↓", fontSize));
        return new SpaceTimeFrame(endMs - windowMs, windowMs, width, height, ids, fontSize,
            Math.ceil(longest + fontSize));
    }

    /** Draws the model's messages at {@code now} in {@code frame}. */
    static SpaceTimeDrawing draw(Sketch g, SpaceTimeFrame frame, InspectorModel model, long now, Emphasis emphasis) {
        double w = frame.width();
        double h = frame.height();
        g.rect(0, 0, w, h, Color.WHITE);
        List<TimeAxis.Tick> ticks = TimeAxis.ticks(frame.startMs(), frame.endMs(), h - frame.header(),
            frame.tickGap());
        drawGrid(g, frame, ticks);
        ClusterState cluster = model.cluster();
        for (int id : frame.ids()) {
            double x = frame.laneX(id);
            g.line(x, frame.header(), x, h, LANE, 1.2);
        }
        List<FlightShape> arrows = new ArrayList<>();
        List<Point2D> crosses = new ArrayList<>();
        long typical = model.messages().typicalMs();
        for (Flight f : model.messages().recent()) {
            if (!emphasis.shown().contains(f.topic())) {
                continue;
            }
            ClusterState.NodeState receiver = cluster.node(f.to());
            boolean down = receiver != null && !receiver.running();
            FlightShape.of(f, frame, now, typical, down).ifPresent(shape -> {
                drawArrow(g, shape, frame.fontSize(), emphasis);
                arrows.add(shape);
                if (shape.ending() == FlightShape.Ending.LOST) {
                    crosses.add(new Point2D(shape.x2(), shape.y2()));
                }
            });
        }
        drawHeaders(g, frame, cluster);
        drawRuler(g, frame, ticks);
        return new SpaceTimeDrawing(frame, List.copyOf(arrows), List.copyOf(ticks), List.copyOf(crosses));
    }

    private static void drawGrid(Sketch g, SpaceTimeFrame frame, List<TimeAxis.Tick> ticks) {
        for (TimeAxis.Tick tick : ticks) {
            double y = frame.y(tick.atMs());
            g.line(frame.axisWidth(), y, frame.width(), y, GRID, 1);
        }
    }

    /** The ruler over the arrows' ends: its labels stay readable whatever passes behind. */
    private static void drawRuler(Sketch g, SpaceTimeFrame frame, List<TimeAxis.Tick> ticks) {
        double size = frame.fontSize();
        double axis = frame.axisWidth();
        g.rect(0, frame.header(), axis, frame.height() - frame.header(), RULER);
        g.line(axis, frame.header(), axis, frame.height(), LANE, 1);
        for (TimeAxis.Tick tick : ticks) {
            double y = frame.y(tick.atMs());
            g.line(axis - size * 0.4, y, axis, y, LABEL, 1);
            // A label sits centred on its tick, unless the header row would cover it.
            if (y - size * 0.5 >= frame.header()) {
                g.text(tick.label(), size * 0.3, y + size * 0.35, LABEL, size, false, false);
            }
        }
    }

    private static void drawHeaders(Sketch g, SpaceTimeFrame frame, ClusterState cluster) {
        double size = frame.fontSize();
        double header = frame.header();
        g.rect(0, 0, frame.width(), header, Color.WHITE);
        g.line(0, header, frame.width(), header, LANE, 1);
        double baseline = header * 0.5 + size * 0.35;
        g.text("time ↓", size * 0.3, baseline, DOWN, size, false, false);
        for (int id : frame.ids()) {
            ClusterState.NodeState node = cluster.node(id);
            boolean down = node != null && !node.running();
            g.text("n" + id, frame.laneX(id), baseline, down ? DOWN : LABEL, size, true, true);
        }
    }

    private static void drawArrow(Sketch g, FlightShape shape, double size, Emphasis emphasis) {
        Flight f = shape.flight();
        boolean followed = emphasis.highlighted().contains(f.seq());
        boolean hovered = emphasis.hovered() == f.seq();
        Color color = emphasis.highlighted().isEmpty() || followed || hovered ? TopicColors.of(f.topic())
            : TopicColors.of(f.topic()).deriveColor(0, 1, 1, 0.2);
        double width = followed ? 3.5 : f.topic() == Topic.HEARTBEAT ? 1 : 1.8;
        if (hovered) {
            width += 2;
        }
        double x1 = shape.x1();
        double y1 = shape.y1();
        double x2 = shape.x2();
        double y2 = shape.y2();
        g.line(x1, y1, x2, y2, color, width);
        switch (shape.ending()) {
            case RECEIVED -> arrowHead(g, x1, y1, x2, y2, Math.max(7, size * 0.55), color, width);
            case IN_FLIGHT -> g.circle(x2, y2, Math.max(2.5, width * 1.5), color, null, 0, null);
            case LOST -> {
                double r = Math.max(5, size * 0.4);
                double bold = Math.max(2.5, size * 0.15);
                g.line(x2 - r, y2 - r, x2 + r, y2 + r, LOST, bold);
                g.line(x2 - r, y2 + r, x2 + r, y2 - r, LOST, bold);
            }
        }
    }

    /** Two strokes back from the tip, 25° either side of the arrow. */
    private static void arrowHead(Sketch g, double x1, double y1, double x2, double y2, double length, Color color,
                                  double width) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double norm = Math.hypot(dx, dy);
        if (norm < 1) {
            return;
        }
        double back = Math.atan2(-dy, -dx);
        double spread = Math.toRadians(25);
        for (double angle : new double[] {back - spread, back + spread}) {
            g.line(x2, y2, x2 + length * Math.cos(angle), y2 + length * Math.sin(angle), color, width);
        }
    }

    /** The message drawn nearest (x, y), if one passes within {@code reach} pixels. */
    Optional<FlightShape> nearest(double x, double y, double reach) {
        FlightShape best = null;
        double bestDistance = reach;
        for (FlightShape shape : arrows) {
            double d = shape.distanceTo(x, y);
            if (d <= bestDistance) {
                best = shape;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
