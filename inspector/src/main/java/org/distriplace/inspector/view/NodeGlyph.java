package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import org.distriplace.core.event.Role;
import org.distriplace.inspector.model.ClusterState;

/**
 * One node of the cluster graph: a circle with its name and role, its epoch below, what its peers believe of it
 * under that, and its election timer as an arc round the circle (how much of its failure timeout has passed since
 * it last heard its leader, as RaftScope draws it). Drawn around (0, 0) at scale 1 and scaled as a whole, so the
 * graph can make every node smaller or larger to fit.
 */
final class NodeGlyph extends Group {

    /** The circle's radius at scale 1. */
    static final double RADIUS = 32;
    /** The timer arc runs this far outside the circle. */
    private static final double ARC_GAP = 6;

    final int id;
    private final Circle circle = new Circle(RADIUS);
    private final Arc timer = new Arc(0, 0, RADIUS + ARC_GAP, RADIUS + ARC_GAP, 90, 0);
    private final Text name = new Text();
    private final Text role = new Text();
    private final Text detail = new Text();
    private final Text belief = new Text();
    private final Scale scale = new Scale(1, 1, 0, 0);

    NodeGlyph(int id) {
        this.id = id;
        setId("node-" + id);
        getStyleClass().add("graph-node");
        circle.getStyleClass().add("node-circle");
        timer.getStyleClass().add("node-timer");
        timer.setType(ArcType.OPEN);
        timer.setFill(null);
        name.getStyleClass().add("node-name");
        role.getStyleClass().add("node-role");
        detail.getStyleClass().add("node-detail");
        belief.getStyleClass().add("node-belief");
        name.setText("n" + id);
        getTransforms().add(scale);
        getChildren().addAll(timer, circle, name, role, detail, belief);
    }

    /**
     * Shows the node as last heard of.
     *
     * @param belief what its peers believe of it ("suspected by n2", "unreachable from n1, n2"), empty when
     *               every running peer holds it alive
     * @param styles the liveness style classes that apply (suspected, unreachable, dead)
     * @param minority true for a leader on a side without a majority (it leads, but cannot commit)
     */
    void show(ClusterState.NodeState node, String belief, List<String> styles, boolean minority) {
        boolean leader = node.running() && node.role() == Role.LEADER;
        setStyle(leader, "leader");
        setStyle(node.running() && node.role() == Role.CANDIDATE, "candidate");
        setStyle(!node.running(), "down");
        for (String liveness : List.of("suspected", "unreachable", "dead")) {
            setStyle(styles.contains(liveness), liveness);
        }
        role.setText(!node.running() ? "CRASHED" : leader ? "★ LEADER" : node.role().name().toLowerCase(Locale.ROOT));
        detail.setText("epoch " + node.epoch() + (leader && minority ? " · no majority" : ""));
        this.belief.setText(belief);
        applyCss(); // a new node's fonts, and a changed style's, before its labels are measured and centred
        center(name, -5);
        center(role, 13);
        center(detail, RADIUS + ARC_GAP + size(detail) + 2);
        center(this.belief, detail.getY() + size(this.belief) + 3);
    }

    /**
     * The election timer: {@code fraction} of the failure timeout gone since the node last heard its leader (0 to
     * 1; negative hides the arc, for a leader or a node that is down). Past {@code suspectAt} it turns orange.
     */
    void showTimer(double fraction, double suspectAt) {
        timer.setVisible(fraction >= 0);
        timer.setLength(-360 * Math.min(1, Math.max(0, fraction)));
        setStyle(fraction >= suspectAt, "timer-late");
    }

    /** Draws the node {@code factor} times its usual size. */
    void setScale(double factor) {
        scale.setX(factor);
        scale.setY(factor);
    }

    double scale() {
        return scale.getX();
    }

    /** Its drawing around its centre at scale 1, labels and strokes included: what the graph lays out. */
    RingLayout.Extent extent() {
        var drawn = getLayoutBounds();
        return new RingLayout.Extent(Math.max(-drawn.getMinX(), drawn.getMaxX()), -drawn.getMinY(),
            drawn.getMaxY());
    }

    /** Draws this node as it is shown (its colours as its style gave them) onto {@code g}. */
    void drawTo(Sketch g) {
        double x = getLayoutX();
        double y = getLayoutY();
        double s = scale();
        if (timer.isVisible() && timer.getLength() != 0) {
            g.arc(x, y, timer.getRadiusX() * s, timer.getStartAngle(), timer.getLength(), (Color) timer.getStroke(),
                timer.getStrokeWidth() * s);
        }
        g.circle(x, y, circle.getRadius() * s, (Color) circle.getFill(), (Color) circle.getStroke(),
            circle.getStrokeWidth() * s, circle.getStrokeDashArray().stream().mapToDouble(Double::doubleValue)
                .toArray());
        for (Text text : List.of(name, role, detail, belief)) {
            if (!text.getText().isEmpty()) {
                g.text(text.getText(), x, y + text.getY() * s, (Color) text.getFill(), text.getFont().getSize() * s,
                    text.getFont().getStyle().toLowerCase(Locale.ROOT).contains("bold"), true);
            }
        }
    }

    void setStyle(boolean on, String styleClass) {
        if (on && !getStyleClass().contains(styleClass)) {
            getStyleClass().add(styleClass);
        } else if (!on) {
            getStyleClass().remove(styleClass);
        }
    }

    private static double size(Text text) {
        return text.getFont().getSize();
    }

    private static void center(Text text, double y) {
        text.setX(-text.getLayoutBounds().getWidth() / 2);
        text.setY(y);
    }
}
