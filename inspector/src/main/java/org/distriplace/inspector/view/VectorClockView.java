package org.distriplace.inspector.view;

import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.VectorClocks;

/**
 * One row per running node: its version vector (an entry per ordering node, just-changed entries highlighted),
 * its canvas version (committed writes) and its state hash, so diverging replicas stand out.
 */
public final class VectorClockView extends BorderPane {

    /** How long a changed entry stays highlighted, in cluster time. */
    static final long HIGHLIGHT_MS = 1_500;

    private final TableView<VectorClocks.Row> table = new TableView<>();
    private final DoubleProperty fontSize = new SimpleDoubleProperty(InspectorPane.FONT_SIZE);
    private List<Integer> entries = List.of();
    private InspectorModel model;
    private long now;

    public VectorClockView() {
        table.setId("clock-table");
        // Every column as wide as its content needs: the table scrolls sideways rather than cut a clock short.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new javafx.scene.control.Label("No node has reported yet."));
        setCenter(table);
        rebuildColumns();
    }

    public void refresh(InspectorModel model, long now) {
        this.model = model;
        this.now = now;
        List<Integer> current = model.clocks().entries();
        if (!current.equals(entries)) {
            entries = current;
            rebuildColumns();
        }
        table.getItems().setAll(model.clocks().rows());
    }

    private void rebuildColumns() {
        TableColumn<VectorClocks.Row, String> node = ColumnWidths.sized(new TableColumn<>("node"), 4, fontSize);
        node.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>("n" + c.getValue().node()));
        table.getColumns().setAll(List.of(node));
        for (int entry : entries) {
            TableColumn<VectorClocks.Row, Long> column = ColumnWidths.sized(new TableColumn<>("n" + entry), 7, fontSize);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().version().get(entry)));
            column.setCellFactory(c -> new EntryCell(entry));
            table.getColumns().add(column);
        }
        TableColumn<VectorClocks.Row, Long> writes = ColumnWidths.sized(new TableColumn<>("canvas version"), 14, fontSize);
        writes.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().committedWrites()));
        TableColumn<VectorClocks.Row, String> hash = ColumnWidths.sized(new TableColumn<>("state hash"), 18, fontSize);
        hash.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().stateHash()));
        hash.getStyleClass().add("state-hash");
        table.getColumns().addAll(List.of(writes, hash));
    }

    /** The font size the table is shown in, in pixels (presentation mode makes it larger): columns follow it. */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    /** Rows shown. */
    public List<VectorClocks.Row> rows() {
        return List.copyOf(table.getItems());
    }

    /** A version-vector entry, highlighted while it has just changed. */
    private final class EntryCell extends TableCell<VectorClocks.Row, Long> {
        private final int entry;

        EntryCell(int entry) {
            this.entry = entry;
        }

        @Override
        protected void updateItem(Long value, boolean empty) {
            super.updateItem(value, empty);
            VectorClocks.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty || value == null ? null : Long.toString(value));
            boolean changed = row != null && model != null
                && model.clocks().changedRecently(row.node(), entry, now, HIGHLIGHT_MS);
            getStyleClass().remove("changed");
            if (changed) {
                getStyleClass().add("changed");
            }
        }
    }
}
