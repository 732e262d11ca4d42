package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.inspector.model.CausalKnowledge;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.WriteClocks;

/**
 * Below the commit dots, the causal side of seed 1's vector clocks: what each node has seen of the writes placed
 * through each node (a row per node, an entry per node, just-risen entries highlighted), and the newest writes with
 * the clock each carried from the node a player placed it through, saying which were concurrent.
 */
final class CausalKnowledgeView extends VBox {

    private final DoubleProperty fontSize;
    private final TableView<CausalKnowledge.Row> knowledge = new TableView<>();
    private final TableView<WriteClocks.Stamped> writes = new TableView<>();
    private List<String> knowledgeShape = List.of();
    private List<Object> writesShape = List.of();
    private InspectorModel model;
    private long now;

    CausalKnowledgeView(DoubleProperty fontSize) {
        this.fontSize = fontSize;
        setSpacing(6);
        knowledge.setId("knowledge-table");
        writes.setId("write-clocks-table");
        for (TableView<?> table : List.of(knowledge, writes)) {
            // Columns as wide as their content: the table scrolls sideways rather than cut a number short.
            table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            TableHeights.fitted(table, fontSize);
        }
        knowledge.setPlaceholder(new Label("No node has reported yet."));
        writes.setPlaceholder(new Label("No write committed yet: paint a pixel."));
        getChildren().addAll(
            VectorClockView.title("What each node has seen: writes placed through each node"),
            VectorClockView.caption("A row is one node's knowledge vector [V1 … Vn], seed 1's logical time per node: "
                + "Vj counts the committed writes placed through nj that it holds. It records causality only: writes "
                + "whose nodes had not seen each other's are concurrent, and no vector says which is last. The "
                + "leader's dots above order them."),
            knowledge,
            VectorClockView.title("Newest writes: the clock each carried from the node that took it"),
            VectorClockView.caption("Each clock is what the node had seen when it forwarded the write to the leader "
                + "(PIXEL_UPDATE), its own entry counting the write. The leader's own writes are not forwarded: "
                + "their clocks are unknown. Of two writes at a pixel, the one with the later leader's stamp wins."),
            writes);
    }

    void refresh(InspectorModel model, long now) {
        this.model = model;
        this.now = now;
        List<Integer> entries = model.knowledge().entries();
        List<CausalKnowledge.Row> rows = model.knowledge().rows();
        List<String> shape = new ArrayList<>();
        for (int entry : entries) {
            long most = rows.stream().mapToLong(row -> row.seen().get(entry)).max().orElse(0);
            shape.add(entry + "/" + Long.toString(most).length());
        }
        shape.add("unknown " + rows.stream().anyMatch(row -> row.unknownOrigin() > 0));
        shape.add("notes " + rows.stream().mapToInt(row -> notes(row).length()).max().orElse(0));
        if (!shape.equals(knowledgeShape)) {
            knowledgeShape = shape;
            knowledgeColumns(entries, rows);
        }
        knowledge.getItems().setAll(rows);

        List<WriteClocks.Stamped> recent = model.writeClocks().recent();
        // The columns are rebuilt only when their widths or entries change, not for every new write.
        List<Integer> widths = List.of(longest(recent, CausalKnowledgeView::write),
            longest(recent, s -> clock(s, entries)), longest(recent, s -> dot(s.write())),
            longest(recent, CausalKnowledgeView::pixel));
        List<Object> wanted = List.of(widths, entries);
        if (!wanted.equals(writesShape)) {
            writesShape = wanted;
            writeColumns(entries, widths);
        }
        writes.getItems().setAll(recent);
    }

    private void knowledgeColumns(List<Integer> entries, List<CausalKnowledge.Row> rows) {
        knowledge.getColumns().setAll(List.of(column("node", 4, row -> "n" + row.node())));
        for (int entry : entries) {
            long most = rows.stream().mapToLong(row -> row.seen().get(entry)).max().orElse(0);
            TableColumn<CausalKnowledge.Row, String> column = column("n" + entry, Long.toString(most).length() + 2,
                row -> Long.toString(row.seen().get(entry)));
            column.setCellFactory(c -> new ChangedCell<>(row -> model != null
                && model.knowledge().changedRecently(row.node(), entry, now, VectorClockView.HIGHLIGHT_MS)));
            knowledge.getColumns().add(column);
        }
        if (rows.stream().anyMatch(row -> row.unknownOrigin() > 0)) {
            knowledge.getColumns().add(column("origin unknown", 6, row -> Long.toString(row.unknownOrigin())));
        }
        int notes = rows.stream().mapToInt(row -> notes(row).length()).max().orElse(0);
        if (notes > 0) {
            knowledge.getColumns().add(column("not from commits", notes + 1, CausalKnowledgeView::notes));
        }
    }

    private void writeColumns(List<Integer> entries, List<Integer> widths) {
        String names = entries.isEmpty() ? "" : entries.size() == 1 ? " [n" + entries.get(0) + "]"
            : " [n" + entries.get(0) + " … n" + entries.get(entries.size() - 1) + "]";
        // Three characters more for the colour's square.
        TableColumn<WriteClocks.Stamped, String> write = stamped("write", widths.get(0) + 3,
            CausalKnowledgeView::write);
        write.setCellFactory(c -> new SwatchCell());
        writes.getColumns().setAll(List.of(
            write,
            stamped("clock" + names, widths.get(1) + 1, s -> clock(s, entries)),
            stamped("dot", widths.get(2) + 1, s -> dot(s.write())),
            stamped("at its pixel", widths.get(3) + 1, CausalKnowledgeView::pixel)));
    }

    /** Writes a row holds that it did not get from a commit the inspector saw, and how. */
    static String notes(CausalKnowledge.Row row) {
        List<String> how = new ArrayList<>();
        if (row.bySync() > 0) {
            how.add("caught up by sync: " + row.bySync());
        }
        if (row.fromDisk() > 0) {
            how.add("restored from its disk: " + row.fromDisk());
        }
        if (row.beforeWatching() > 0) {
            how.add("held before the inspector watched: " + row.beforeWatching());
        }
        return String.join("; ", how);
    }

    /** The write's clock, an entry per column of the knowledge table. */
    static String clock(WriteClocks.Stamped stamped, List<Integer> entries) {
        if (stamped.clock().isEmpty()) {
            return stamped.write().origin() == stamped.write().nodeId() ? "unknown: the leader took it"
                : "unknown: sent before watching";
        }
        VectorClock clock = stamped.clock().get();
        return entries.stream().map(entry -> Long.toString(clock.get(entry)))
            .collect(Collectors.joining(", ", "[", "]"));
    }

    /** How the write stands to the one before it at its pixel. */
    static String pixel(WriteClocks.Stamped stamped) {
        if (stamped.earlier().isEmpty()) {
            return "";
        }
        PixelWrite earlier = stamped.earlier().get();
        return switch (stamped.relation()) {
            case AFTER -> "after " + dot(earlier) + " (had seen it)";
            case CONCURRENT -> "concurrent with " + dot(earlier) + ", "
                + (stamped.write().stamp().isAfter(earlier.stamp()) ? "wins" : "loses");
            case UNKNOWN -> "after " + dot(earlier) + " (dot order)";
        };
    }

    private static String dot(PixelWrite write) {
        return "n" + write.dot();
    }

    private static String write(WriteClocks.Stamped stamped) {
        PixelWrite write = stamped.write();
        return "(" + write.x() + "," + write.y() + ") via n" + write.origin();
    }

    /** The length of the longest text {@code text} gives for {@code rows}. */
    private static int longest(List<WriteClocks.Stamped> rows, Function<WriteClocks.Stamped, String> text) {
        return rows.stream().map(text).mapToInt(String::length).max().orElse(0);
    }

    private TableColumn<CausalKnowledge.Row, String> column(String title, int characters,
                                                            Function<CausalKnowledge.Row, String> value) {
        TableColumn<CausalKnowledge.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return ColumnWidths.sized(column, characters, fontSize);
    }

    private TableColumn<WriteClocks.Stamped, String> stamped(String title, int characters,
                                                             Function<WriteClocks.Stamped, String> value) {
        TableColumn<WriteClocks.Stamped, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return ColumnWidths.sized(column, characters, fontSize);
    }

    /** Rows of the knowledge table shown. */
    List<CausalKnowledge.Row> rows() {
        return List.copyOf(knowledge.getItems());
    }

    /** Writes listed with their clocks. */
    List<WriteClocks.Stamped> writes() {
        return List.copyOf(writes.getItems());
    }

    /** A write, with a square of its colour. */
    private static final class SwatchCell extends TableCell<WriteClocks.Stamped, String> {
        private final Rectangle swatch = new Rectangle();

        SwatchCell() {
            swatch.widthProperty().bind(fontProperty().map(Font::getSize));
            swatch.heightProperty().bind(swatch.widthProperty());
            swatch.setStroke(javafx.scene.paint.Color.GREY);
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            WriteClocks.Stamped row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : value);
            if (row == null) {
                setGraphic(null);
            } else {
                swatch.setFill(javafx.scene.paint.Color.web(row.write().color().hex()));
                setGraphic(swatch);
            }
        }
    }
}
