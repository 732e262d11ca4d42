package org.distriplace.app.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** What a window shows badly: things cut short, off its edges, or drawn over each other. */
final class OnScreen {

    private OnScreen() {
    }

    /** Every visible labelled thing under {@code root} that shows less than its whole text, but those in {@code ids}. */
    static List<String> cutShort(Parent root, Set<String> exempt) {
        List<String> cut = new ArrayList<>();
        for (Node node : root.lookupAll("*")) {
            if (node instanceof Labeled labeled && shown(labeled) && labeled.getText() != null
                && !labeled.getText().isEmpty() && (labeled.getId() == null || !exempt.contains(labeled.getId()))) {
                for (Node child : labeled.getChildrenUnmodifiable()) {
                    if (child instanceof Text text && !text.getText().equals(labeled.getText())) {
                        cut.add("'" + labeled.getText() + "' shown as '" + text.getText() + "'");
                    }
                }
            }
        }
        return cut;
    }

    /** Visible, as are all its parents. */
    static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /** {@code node}'s bounds in its scene. */
    static Bounds inScene(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }

    /** Whether {@code inner} lies within {@code outer}, allowing {@code slack} pixels. */
    static boolean within(Bounds inner, Bounds outer, double slack) {
        return inner.getMinX() >= outer.getMinX() - slack && inner.getMinY() >= outer.getMinY() - slack
            && inner.getMaxX() <= outer.getMaxX() + slack && inner.getMaxY() <= outer.getMaxY() + slack;
    }
}
