package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.Flight;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/**
 * The cluster as a ring of nodes (role, epoch, what peers believe of each, the leader crowned, each follower's
 * election timer) with every message in flight as an arrow and a moving dot, coloured by protocol. The ring is the
 * largest that fits the space the graph has, nodes made smaller where they would not fit apart. A partition is
 * drawn as one: its sides apart, the cut through the gaps and across the links it breaks, and a caption saying which
 * side can commit.
 */
public final class ClusterGraphView extends Region {

    /** More arrows than this are not drawn (a busy cluster turns into noise long before). */
    static final int MAX_ARROWS = 400;
    /** The smallest nodes are drawn: below this their labels stop being readable. */
    static final double SMALLEST_SCALE = 0.5;
    private static final long LINGER_MS = 150;
    private static final Color CUT = Color.web("#b00020");

    /** Arrows are drawn, not built from nodes: hundreds of shapes rebuilt each frame would cost the frame rate. */
    private final Canvas arrows = new Canvas();
    private final Map<Topic, Integer> drawnByTopic = new EnumMap<>(Topic.class);
    private final Pane nodes = new Pane();
    private final FlowPane legend = new FlowPane(12, 4);
    private final Label caption = new Label();
    private final Map<Integer, NodeGlyph> glyphs = new HashMap<>();
    /** The size nodes are wanted at (presentation mode's is larger); the layout may draw them smaller. */
    private double preferredScale = 1;
    private RingLayout.Result layout;
    private List<ClusterState.Side> sides = List.of();
    private int drawnArrows;
    private InspectorModel model;
    private Set<Long> followed = Set.of();
    private long now;

    public ClusterGraphView() {
        getStyleClass().add("cluster-graph");
        arrows.setMouseTransparent(true);
        for (Topic topic : Topic.MESSAGES) {
            Circle swatch = new Circle(6, TopicColors.of(topic));
            Text label = new Text(topic.label());
            label.getStyleClass().add("legend-text");
            HBox item = new HBox(4, swatch, label);
            item.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            legend.getChildren().add(item);
        }
        legend.setId("graph-legend");
        legend.setPadding(new Insets(4, 8, 4, 8));
        caption.setId("partition-caption");
        caption.getStyleClass().add("partition-caption");
        caption.setWrapText(true);
        caption.setPadding(new Insets(4, 8, 4, 8));
        caption.setVisible(false);
        getChildren().addAll(arrows, nodes, legend, caption);
        setMinSize(200, 160);
    }

    @Override
    protected void layoutChildren() {
        arrows.setWidth(getWidth());
        arrows.setHeight(getHeight());
        nodes.resizeRelocate(0, 0, getWidth(), getHeight());
        double legendHeight = legend.prefHeight(getWidth());
        legend.resizeRelocate(0, getHeight() - legendHeight, getWidth(), legendHeight);
        caption.resizeRelocate(0, 0, getWidth(), captionHeight());
        if (model != null) {
            place();
            redraw(); // the nodes may have moved: the arrows and the cut follow them
        }
    }

    private double captionHeight() {
        return caption.isVisible() ? caption.prefHeight(getWidth()) : 0;
    }

    /** Redraws from the model at cluster time {@code now}. */
    public void refresh(InspectorModel model, long now) {
        this.model = model;
        this.now = now;
        ClusterState cluster = model.cluster();
        List<Integer> ids = cluster.ids();
        glyphs.keySet().retainAll(ids);
        nodes.getChildren().removeIf(child -> child instanceof NodeGlyph glyph && !ids.contains(glyph.id));
        sides = cluster.sides();
        Map<Integer, ElectionTimers.Timer> timers = ElectionTimers.of(model, now);
        for (int id : ids) {
            NodeGlyph glyph = glyphs.computeIfAbsent(id, this::newGlyph);
            Beliefs.Belief belief = Beliefs.of(cluster, id);
            ElectionTimers.Timer timer = timers.get(id);
            glyph.show(cluster.node(id), belief.text(), belief.styles(), sides.size() > 1 && !majority(id));
            glyph.showTimer(timer == null ? -1 : timer.gone(), timer == null ? 1 : timer.suspectAt());
        }
        caption.setText(sides.size() > 1 ? Beliefs.partitionCaption(sides, ids.size()) : "");
        caption.setVisible(sides.size() > 1);
        caption.resizeRelocate(0, 0, getWidth(), captionHeight());
        place();
        redraw();
    }

    /** Draws the arrows and the cut again over the nodes where they are now. */
    private void redraw() {
        GraphicsContext g = arrows.getGraphicsContext2D();
        g.clearRect(0, 0, arrows.getWidth(), arrows.getHeight());
        drawPicture(new CanvasSketch(g));
    }

    private boolean majority(int id) {
        return sides.stream().anyMatch(side -> side.majority() && side.nodes().contains(id));
    }

    /** Puts every node where the ring layout says, at the size it allows. */
    private void place() {
        List<Integer> order = order();
        if (order.isEmpty()) {
            return;
        }
        List<RingLayout.Extent> extents = order.stream().map(id -> glyphs.get(id).extent()).toList();
        double top = captionHeight();
        Rectangle2D area = new Rectangle2D(0, top, Math.max(1, getWidth()),
            Math.max(1, getHeight() - legend.prefHeight(getWidth()) - top));
        layout = RingLayout.place(area, extents, gapsAfter(order), preferredScale, SMALLEST_SCALE);
        for (int i = 0; i < order.size(); i++) {
            NodeGlyph glyph = glyphs.get(order.get(i));
            glyph.setScale(layout.scale());
            // Its centre, not its top-left corner (which relocate() would place there).
            glyph.setLayoutX(layout.centres().get(i).getX());
            glyph.setLayoutY(layout.centres().get(i).getY());
        }
    }

    /** Nodes round the ring: by id, or side by side in a partition (crashed nodes after the last side). */
    private List<Integer> order() {
        if (sides.size() < 2) {
            return glyphs.keySet().stream().sorted().toList();
        }
        LinkedHashSet<Integer> order = new LinkedHashSet<>();
        sides.forEach(side -> order.addAll(side.nodes()));
        glyphs.keySet().stream().sorted().forEach(order::add);
        return new ArrayList<>(order);
    }

    /** In a partition, a gap after each side (the last one's after the crashed nodes that follow it). */
    private Set<Integer> gapsAfter(List<Integer> order) {
        if (sides.size() < 2) {
            return Set.of();
        }
        Set<Integer> gaps = new java.util.HashSet<>();
        for (ClusterState.Side side : sides.subList(0, sides.size() - 1)) {
            gaps.add(order.indexOf(side.nodes().get(side.nodes().size() - 1)));
        }
        gaps.add(order.size() - 1);
        return gaps;
    }

    /** The graph as on screen (nodes, the cut, the messages in flight), as SVG for slides. */
    public String svg() {
        SvgSketch svg = new SvgSketch(getWidth(), getHeight());
        svg.rect(0, 0, getWidth(), getHeight(), Color.web("#fbfbfd"));
        if (model != null) {
            drawPicture(svg);
        }
        glyphs.values().forEach(glyph -> glyph.drawTo(svg));
        if (caption.isVisible()) {
            svg.text(caption.getText(), 8, caption.getFont().getSize() + 4, Color.BLACK, caption.getFont().getSize(),
                true, false);
        }
        return svg.toString();
    }

    private NodeGlyph newGlyph(int id) {
        NodeGlyph glyph = new NodeGlyph(id);
        nodes.getChildren().add(glyph);
        return glyph;
    }

    private void drawPicture(Sketch g) {
        if (sides.size() > 1 && layout != null) {
            drawCut(g);
        }
        drawArrows(g);
    }

    /** The partition: a dashed line from the middle out through each gap, and a cross on every link it breaks. */
    private void drawCut(Sketch g) {
        Rectangle2D area = new Rectangle2D(0, captionHeight(), getWidth(),
            Math.max(1, getHeight() - captionHeight() - legend.prefHeight(getWidth())));
        for (Point2D gap : layout.gaps()) {
            Point2D out = gap.subtract(layout.middle());
            if (out.magnitude() < 1) {
                continue;
            }
            Point2D end = edge(area, layout.middle(), out.normalize());
            g.dashedLine(layout.middle().getX(), layout.middle().getY(), end.getX(), end.getY(), CUT, 3,
                new double[] {10, 6});
        }
        for (int a = 0; a < sides.size(); a++) {
            for (int b = a + 1; b < sides.size(); b++) {
                for (int x : sides.get(a).nodes()) {
                    for (int y : sides.get(b).nodes()) {
                        drawCutLink(g, glyphs.get(x), glyphs.get(y));
                    }
                }
            }
        }
    }

    /** Where a ray from {@code from} (inside {@code area}) along {@code unit} leaves the area: the cut stops there. */
    private static Point2D edge(Rectangle2D area, Point2D from, Point2D unit) {
        double reach = Double.MAX_VALUE;
        if (unit.getX() != 0) {
            reach = Math.min(reach, ((unit.getX() > 0 ? area.getMaxX() : area.getMinX()) - from.getX()) / unit.getX());
        }
        if (unit.getY() != 0) {
            reach = Math.min(reach, ((unit.getY() > 0 ? area.getMaxY() : area.getMinY()) - from.getY()) / unit.getY());
        }
        return from.add(unit.multiply(Math.max(0, reach)));
    }

    private void drawCutLink(Sketch g, NodeGlyph a, NodeGlyph b) {
        Point2D from = new Point2D(a.getLayoutX(), a.getLayoutY());
        Point2D to = new Point2D(b.getLayoutX(), b.getLayoutY());
        Color faint = CUT.deriveColor(0, 1, 1, 0.35);
        g.dashedLine(from.getX(), from.getY(), to.getX(), to.getY(), faint, 1.5, new double[] {4, 6});
        Point2D mid = from.midpoint(to);
        double arm = 6 * Math.max(1, layout.scale());
        g.line(mid.getX() - arm, mid.getY() - arm, mid.getX() + arm, mid.getY() + arm, CUT, 2.5);
        g.line(mid.getX() - arm, mid.getY() + arm, mid.getX() + arm, mid.getY() - arm, CUT, 2.5);
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
        // Arrows grow with the nodes (in presentation mode a hairline is lost from the back of the room).
        double size = Math.max(1, layout == null ? 1 : layout.scale());
        g.line(s.getX(), s.getY(), e.getX(), e.getY(), color.deriveColor(0, 1, 1, bold ? 0.9 : 0.5 * fade),
            (bold ? 4 : 2.5) * size);
        Point2D p = s.add(e.subtract(s).multiply(progress));
        g.circle(p.getX(), p.getY(), (bold ? 7 : 5) * size, color.deriveColor(0, 1, 1, fade), null, 0, null);
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

    /** Draws nodes {@code factor} times their usual size where they fit (presentation mode); the next refresh shows it. */
    public void setScale(double factor) {
        preferredScale = factor;
        requestLayout();
    }

    /** The radius node circles are drawn with (smaller than wanted where the space is short). */
    public double radius() {
        return NodeGlyph.RADIUS * (layout == null ? preferredScale : layout.scale());
    }

    /** Whether every node fits apart from the others at the last layout. */
    public boolean nodesApart() {
        return layout == null || layout.fits();
    }

    /** The partition's caption, empty when the cluster is whole. */
    public String partitionCaption() {
        return caption.isVisible() ? caption.getText() : "";
    }

    /** Messages of {@code topic} drawn at the last refresh. */
    public int drawnArrows(Topic topic) {
        return drawnByTopic.getOrDefault(topic, 0);
    }

    /** Messages drawn at the last refresh. */
    public int drawnArrows() {
        return drawnArrows;
    }
}
