package org.distriplace.inspector.view;

import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.distriplace.inspector.model.CausalKnowledge;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.VectorClocks;
import org.distriplace.inspector.model.WriteClocks;

/**
 * The vector-clock tab, a page that scrolls. On top, the commit order: one row per running node with its version
 * vector (an entry per ordering node, the leader's dots; just-changed entries highlighted), its canvas version
 * (committed writes) and its state hash, so diverging replicas stand out. Below, the causal side of seed 1's vector
 * clocks ({@link CausalKnowledgeView}): what each node has seen of the writes placed through each node, and the
 * clocks the newest writes carried.
 */
public final class VectorClockView extends BorderPane {

    /** How long a changed entry stays highlighted, in cluster time. */
    static final long HIGHLIGHT_MS = 1_500;

    private final TableView<VectorClocks.Row> table = new TableView<>();
    private final DoubleProperty fontSize = new SimpleDoubleProperty(InspectorPane.FONT_SIZE);
    private List<Integer> entries = List.of();
    private InspectorModel model;
    private long now;

    private final CausalKnowledgeView knowledge = new CausalKnowledgeView(fontSize);

    public VectorClockView() {
        table.setId("clock-table");
        // Every column as wide as its content needs: the table scrolls sideways rather than cut a clock short.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No node has reported yet."));
        TableHeights.fitted(table, fontSize);
        VBox page = new VBox(6, title("Commit order: the leader's dots"),
            caption("Each leader numbers the writes it orders: a write's dot is (leader, number). A replica's version "
                + "counts the dots it holds, an entry per leader, so a steady cluster shows one entry. The dots put "
                + "every write in one total order, so last-write-wins keeps the same winner on every replica."),
            table, knowledge);
        page.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setId("clock-page");
        // As wide as the tab: each table scrolls sideways on its own, the page scrolls down.
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        rebuildColumns();
    }

    /** A section's title. */
    static Label title(String text) {
        Label title = new Label(text);
        title.setWrapText(true);
        title.getStyleClass().add("clock-title");
        return title;
    }

    /** A section's caption: what to read in it, and why. */
    static Label caption(String text) {
        Label caption = new Label(text);
        caption.setWrapText(true);
        caption.getStyleClass().add("clock-caption");
        // Wrapped text asks for the height its width needs: never squeezed to one line with an ellipsis.
        caption.setMinHeight(Region.USE_PREF_SIZE);
        return caption;
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
        knowledge.refresh(model, now);
    }

    private void rebuildColumns() {
        TableColumn<VectorClocks.Row, String> node = ColumnWidths.sized(new TableColumn<>("node"), 4, fontSize);
        node.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>("n" + c.getValue().node()));
        table.getColumns().setAll(List.of(node));
        for (int entry : entries) {
            TableColumn<VectorClocks.Row, Long> column = ColumnWidths.sized(new TableColumn<>("n" + entry), 7, fontSize);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().version().get(entry)));
            column.setCellFactory(c -> new ChangedCell<>(row -> model != null
                && model.clocks().changedRecently(row.node(), entry, now, HIGHLIGHT_MS)));
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

    /** Rows of the knowledge table shown: what each node has seen of the writes placed through each node. */
    public List<CausalKnowledge.Row> knowledgeRows() {
        return knowledge.rows();
    }

    /** The newest writes shown with the clock each carried. */
    public List<WriteClocks.Stamped> writeClocks() {
        return knowledge.writes();
    }
}
