package org.distriplace.inspector.view;

import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;

/**
 * Tables as tall as their rows, in the table's font, so several can stand one above the other in a page that
 * scrolls: no table hides rows behind a scroll bar of its own, and rows grow with presentation mode's larger type.
 */
final class TableHeights {

    /** A row's height, as a share of the font size, plus its padding. */
    private static final double ROW = 1.5;
    private static final double ROW_PADDING = 8;

    private TableHeights() {
    }

    /**
     * Makes {@code table} exactly tall enough for its rows (room for two when it shows its placeholder), its header
     * and, when its columns are wider than it, its sideways scroll bar: measured after each layout, since both
     * depend on the type and the columns.
     */
    static <S> TableView<S> fitted(TableView<S> table, DoubleProperty font) {
        table.fixedCellSizeProperty().bind(font.multiply(ROW).add(ROW_PADDING));
        Runnable fit = () -> {
            double height = height(table);
            if (height != table.getPrefHeight()) {
                boolean grew = height > table.getPrefHeight();
                table.setPrefHeight(height);
                if (grew) {
                    // A table laid out too short once keeps a needless vertical bar: its rows are laid out anew.
                    table.refresh();
                }
            }
        };
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                fit.run();
            }
        });
        table.fixedCellSizeProperty().addListener(o -> fit.run());
        table.getItems().addListener((ListChangeListener<S>) change -> fit.run());
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);
        fit.run();
        return table;
    }

    private static double height(TableView<?> table) {
        double cell = table.getFixedCellSize();
        Node header = table.lookup(".column-header-background");
        double headerHeight = header instanceof Region region && region.getHeight() > 0 ? region.getHeight() : cell;
        // The sideways bar's room is counted as soon as the columns are wider than the table, before the bar shows.
        double columns = table.getColumns().stream().mapToDouble(c -> Math.max(c.getWidth(), c.getPrefWidth())).sum();
        double inside = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        double bar = 0;
        for (Node node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar scroll && scroll.getOrientation() == Orientation.HORIZONTAL
                && (scroll.isVisible() || columns > inside)) {
                bar = scroll.prefHeight(-1);
            }
        }
        return Math.max(2, table.getItems().size()) * cell + headerHeight + bar + table.snappedTopInset()
            + table.snappedBottomInset();
    }
}
