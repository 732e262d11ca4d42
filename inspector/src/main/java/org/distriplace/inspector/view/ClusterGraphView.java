package org.distriplace.inspector.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.Flight;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/**
 * The cluster as a ring of nodes (role, epoch, liveness; the leader crowned) with every message in flight as an
 * arrow and a moving dot, coloured by protocol. A message lingers briefly after arriving so it can be followed.
 */
public final class ClusterGraphView extends Region {

    /** More arrows than this are not drawn (a busy cluster turns into noise long before). */
    static final int MAX_ARROWS = 400;
    private static final double RADIUS = 30;
    /** Node circles are this many times {@link #RADIUS} (presentation mode makes them larger). */
    private double scale = 1;
    private static final long LINGER_MS = 150;

    /** Arrows are drawn, not built from nodes: hundreds of shapes rebuilt each frame would cost the frame rate. */
    private final Canvas arrows = new Canvas();
    private final Map<Topic, Integer> drawnByTopic = new java.util.EnumMap<>(Topic.class);
    private final Pane nodes = new Pane();
    private final FlowPane legend = new FlowPane(10, 4);
    private final Map<Integer, NodeGlyph> glyphs = new HashMap<>();
    private int drawnArrows;
    private InspectorModel model;
    private Set<Long> followed = Set.of();
    private long now;

    public ClusterGraphView() {
        getStyleClass().add("cluster-graph");
        arrows.setMouseTransparent(true);
        for (Topic topic : Topic.MESSAGES) {
            Circle swatch = new Circle(5, TopicColors.of(topic));
            Text label = new Text(topic.label());
            label.getStyleClass().add("legend-text");
            legend.getChildren().add(new FlowPane(4, 0, swatch, label));
        }
        legend.setPadding(new Insets(4, 8, 4, 8));
        getChildren().addAll(arrows, nodes, legend);
        setMinSize(260, 240);
    }

    @Override
    protected void layoutChildren() {
        arrows.setWidth(getWidth());
        arrows.setHeight(getHeight());
        nodes.resizeRelocate(0, 0, getWidth(), getHeight());
        double legendHeight = legend.prefHeight(getWidth());
        legend.resizeRelocate(0, getHeight() - legendHeight, getWidth(), legendHeight);
    }

    /** Redraws from the model at cluster time {@code now}. */
    public void refresh(InspectorModel model, long now) {
        ClusterState cluster = model.cluster();
        List<Integer> ids = cluster.ids();
        glyphs.keySet().retainAll(ids);
        nodes.getChildren().removeIf(child -> child instanceof NodeGlyph glyph && !ids.contains(glyph.id));
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            NodeGlyph glyph = glyphs.computeIfAbsent(id, this::newGlyph);
            Point2D at = position(i, ids.size());
            glyph.relocate(at.getX(), at.getY());
            glyph.show(cluster.node(id), cluster.liveness(id));
        }
        GraphicsContext g = arrows.getGraphicsContext2D();
        g.clearRect(0, 0, arrows.getWidth(), arrows.getHeight());
        this.model = model;
        this.now = now;
        drawArrows(new CanvasSketch(g));
    }

    /** The graph as on screen (nodes and the messages in flight), as SVG for slides. */
    public String svg() {
        SvgSketch svg = new SvgSketch(getWidth(), getHeight());
        svg.rect(0, 0, getWidth(), getHeight(), Color.web("#fbfbfd"));
        if (model != null) {
            drawArrows(svg);
        }
        glyphs.values().forEach(glyph -> glyph.drawTo(svg));
        return svg.toString();
    }

    private NodeGlyph newGlyph(int id) {
        NodeGlyph glyph = new NodeGlyph(id);
        glyph.setRadius(radius());
        nodes.getChildren().add(glyph);
        return glyph;
    }

    private Point2D position(int index, int count) {
        double legendHeight = legend.prefHeight(getWidth());
        double cx = getWidth() / 2;
        double cy = (getHeight() - legendHeight) / 2;
        double r = Math.max(10, Math.min(cx, cy) - radius() - 22 * scale);
        double angle = -Math.PI / 2 + 2 * Math.PI * index / Math.max(1, count);
        return new Point2D(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
    }

    private void drawArrows(Sketch g) {
        List<Integer> ids = model.cluster().ids();
        List<Flight> flights = model.messages().inFlight(now, LINGER_MS);
        int from = Math.max(0, flights.size() - MAX_ARROWS);
        drawnArrows = 0;
        drawnByTopic.clear();
        long typical = model.messages().typicalMs();
        for (Flight flight : flights.subList(from, flights.size())) {
            NodeGlyph a = glyphs.get(flight.from());
            NodeGlyph b = glyphs.get(flight.to());
            if (a == null || b == null || !ids.contains(flight.to())) {
                continue;
            }
            drawArrow(g, flight, a, b, flight.progress(now, typical));
        }
    }

    private void drawArrow(Sketch g, Flight flight, NodeGlyph a, NodeGlyph b, double progress) {
        Point2D start = new Point2D(a.getLayoutX(), a.getLayoutY());
        Point2D end = new Point2D(b.getLayoutX(), b.getLayoutY());
        Point2D dir = end.subtract(start);
        double length = dir.magnitude();
        if (length < 1) {
            return;
        }
        Point2D unit = dir.multiply(1 / length);
        // Offset sideways so the two directions of a link do not overlap.
        Point2D side = new Point2D(-unit.getY(), unit.getX()).multiply(5);
        Point2D s = start.add(unit.multiply(radius())).add(side);
        Point2D e = end.subtract(unit.multiply(radius())).add(side);
        Color color = TopicColors.of(flight.topic());
        boolean bold = followed.contains(flight.seq());
        double fade = followed.isEmpty() || bold ? 1 : 0.25;
        g.line(s.getX(), s.getY(), e.getX(), e.getY(), color.deriveColor(0, 1, 1, bold ? 0.9 : 0.35 * fade),
            bold ? 4 : 2);
        Point2D p = s.add(e.subtract(s).multiply(progress));
        g.circle(p.getX(), p.getY(), bold ? 7 : 5, color.deriveColor(0, 1, 1, fade), null, 0, null);
        drawnArrows++;
        drawnByTopic.merge(flight.topic(), 1, Integer::sum);
    }

    /**
     * Shows a followed pixel: the messages {@code flights} names drawn bold (the others faded), and the nodes in
     * {@code reached} (those that hold it) ringed; empty sets for none.
     */
    public void highlight(Set<Long> flights, Set<Integer> reached) {
        followed = Set.copyOf(flights);
        glyphs.forEach((id, glyph) -> glyph.setStyle(reached.contains(id), "reached"));
        if (model != null) {
            refresh(model, now);
        }
    }

    /** Draws nodes {@code factor} times their usual size (presentation mode); the next refresh shows it. */
    public void setScale(double factor) {
        scale = factor;
        glyphs.values().forEach(glyph -> glyph.setRadius(radius()));
        requestLayout();
    }

    /** The radius node circles are drawn with. */
    public double radius() {
        return RADIUS * scale;
    }

    /** Messages of {@code topic} drawn at the last refresh. */
    public int drawnArrows(Topic topic) {
        return drawnByTopic.getOrDefault(topic, 0);
    }

    /** Messages drawn at the last refresh. */
    public int drawnArrows() {
        return drawnArrows;
    }

    /** One node: a circle with its name, role, epoch and liveness. */
    private static final class NodeGlyph extends Group {

        private final int id;
        private final Circle circle = new Circle(RADIUS);
        private final Text name = new Text();
        private final Text role = new Text();
        private final Text detail = new Text();

        NodeGlyph(int id) {
            this.id = id;
            setId("node-" + id);
            getStyleClass().add("graph-node");
            circle.getStyleClass().add("node-circle");
            name.getStyleClass().add("node-name");
            role.getStyleClass().add("node-role");
            detail.getStyleClass().add("node-detail");
            name.setText("n" + id);
            getChildren().addAll(circle, name, role, detail);
        }

        void show(ClusterState.NodeState node, Liveness liveness) {
            boolean leader = node.running() && node.role() == Role.LEADER;
            setStyle(leader, "leader");
            setStyle(node.running() && node.role() == Role.CANDIDATE, "candidate");
            setStyle(!node.running(), "down");
            setStyle(liveness == Liveness.SUSPECTED, "suspected");
            setStyle(liveness == Liveness.DEAD, "dead");
            role.setText(!node.running() ? "CRASHED" : leader ? "★ LEADER" : node.role().name().toLowerCase());
            detail.setText("epoch " + node.epoch() + (liveness == Liveness.ALIVE ? "" : " · " + liveness));
            center(name, -6);
            center(role, 9);
            center(detail, circle.getRadius() + detail.getFont().getSize() + 2);
        }

        void setRadius(double r) {
            circle.setRadius(r);
        }

        /** Draws this node as it is shown (its colours as its style gave them) onto {@code g}. */
        void drawTo(Sketch g) {
            double x = getLayoutX();
            double y = getLayoutY();
            g.circle(x, y, circle.getRadius(), (Color) circle.getFill(), (Color) circle.getStroke(),
                circle.getStrokeWidth(), circle.getStrokeDashArray().stream().mapToDouble(Double::doubleValue)
                    .toArray());
            for (Text text : List.of(name, role, detail)) {
                g.text(text.getText(), x, y + text.getY(), (Color) text.getFill(), text.getFont().getSize(),
                    text.getFont().getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold"), true);
            }
        }

        private void setStyle(boolean on, String styleClass) {
            if (on && !getStyleClass().contains(styleClass)) {
                getStyleClass().add(styleClass);
            } else if (!on) {
                getStyleClass().remove(styleClass);
            }
        }

        private static void center(Text text, double y) {
            text.setX(-text.getLayoutBounds().getWidth() / 2);
            text.setY(y);
        }
    }
}
