package org.distriplace.inspector.view;

import java.util.function.Predicate;
import javafx.scene.control.TableCell;

/**
 * A table cell showing its value, highlighted (style class {@code changed}) while {@code changed} says its row's
 * entry has just moved: the clock tables' way of drawing the eye to what a step changed.
 */
final class ChangedCell<R, T> extends TableCell<R, T> {

    private final Predicate<R> changed;

    ChangedCell(Predicate<R> changed) {
        this.changed = changed;
    }

    @Override
    protected void updateItem(T value, boolean empty) {
        super.updateItem(value, empty);
        R row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty || value == null ? null : value.toString());
        getStyleClass().remove("changed");
        if (row != null && changed.test(row)) {
            getStyleClass().add("changed");
        }
    }
}
