package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** What a screen shows cut short: the readability checks of the inspector's views. */
final class ShownInFull {

    private ShownInFull() {
    }

    /** Every labelled thing under {@code root} that is on screen and shows less than its whole text. */
    static List<String> cutShort(Parent root) {
        List<String> cut = new ArrayList<>();
        for (Node node : root.lookupAll("*")) {
            if (node instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
                for (Node child : labeled.getChildrenUnmodifiable()) {
                    if (child instanceof Text text && !text.getText().equals(labeled.getText())) {
                        cut.add("'" + labeled.getText() + "' shown as '" + text.getText() + "'");
                    }
                }
            }
        }
        return cut;
    }
}
