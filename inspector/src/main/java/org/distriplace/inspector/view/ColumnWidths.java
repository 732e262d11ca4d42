package org.distriplace.inspector.view;

import javafx.beans.property.DoubleProperty;
import javafx.scene.control.TableColumn;

/**
 * Table columns as wide as what they show, in the table's font: tables scroll sideways rather than cut a value short,
 * and columns grow with presentation mode's larger type.
 */
final class ColumnWidths {

    /** Roughly how wide a character of the inspector's fonts is, as a share of the font size. */
    private static final double CHARACTER = 0.62;
    /** A cell's padding, both sides. */
    private static final double PADDING = 16;

    private ColumnWidths() {
    }

    /** Makes {@code column} wide enough for {@code characters} characters (or its header, if longer) at {@code font} px. */
    static <S, T> TableColumn<S, T> sized(TableColumn<S, T> column, int characters, DoubleProperty font) {
        int wanted = Math.max(characters, column.getText().length() + 2);
        column.minWidthProperty().bind(font.multiply(wanted * CHARACTER).add(PADDING));
        column.prefWidthProperty().bind(column.minWidthProperty());
        column.setSortable(false);
        return column;
    }
}
