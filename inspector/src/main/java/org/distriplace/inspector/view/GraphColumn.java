package org.distriplace.inspector.view;

import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector's left column: the cluster graph, and beneath it the fault panel in a pane that folds. Where the
 * graph would be left too small to read (a projector, a lesson's caption taking a band), the panel starts folded;
 * in presentation mode it always does. Its title unfolds it: after that, the teacher's choice stands until the room
 * changes again.
 */
final class GraphColumn extends VBox {

    /** Below this height the graph is too small to read. */
    static final double SMALLEST_GRAPH_HEIGHT = 380;
    /** The least an unfolded panel gets: its title and a couple of rows, scrolling. */
    private static final double FOLDED_ROOM = 120;

    private final TitledPane faults = new TitledPane();
    private FaultPanel panel;
    private boolean presentation;
    /** Whether the panel was folded or unfolded for the room there is (then it is the teacher's to change). */
    private boolean fitted;

    GraphColumn(ClusterGraphView graph) {
        setVgrow(graph, Priority.ALWAYS);
        getChildren().add(graph);
        faults.setText("Faults");
        faults.setId("faults");
        faults.getStyleClass().add("inspector-controls");
        // Folding is immediate: a teacher switching to presentation mode sees the graph grow at once.
        faults.setAnimated(false);
    }

    /** Shows {@code faultPanel} under the graph, or none. */
    void setFaultPanel(FaultPanel faultPanel) {
        panel = faultPanel;
        getChildren().remove(faults);
        if (faultPanel != null) {
            // Unfolded on a small screen, the panel scrolls rather than squeeze the graph to a strip.
            ScrollPane scroll = new ScrollPane(faultPanel);
            scroll.setFitToWidth(true);
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            faults.setContent(scroll);
            getChildren().add(faults);
        }
        refit();
    }

    void setPresentation(boolean on) {
        presentation = on;
        refit();
    }

    /** The room changed: the panel is folded or unfolded for it at the next layout. */
    void refit() {
        fitted = false;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        // However the teacher unfolds it, the panel leaves the graph its readable height where the column has it.
        faults.setMaxHeight(Math.max(FOLDED_ROOM, getHeight() - SMALLEST_GRAPH_HEIGHT));
        super.layoutChildren();
        if (!fitted && panel != null && getHeight() > 0) {
            fitted = true;
            double graphIfOpen = getHeight() - faults.prefHeight(getWidth())
                - (faults.isExpanded() ? 0 : panel.prefHeight(getWidth()));
            faults.setExpanded(!presentation && graphIfOpen >= SMALLEST_GRAPH_HEIGHT);
        }
    }
}
