package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.InspectorModel;

/**
 * The two-phase-commit timeline, newest first: proposal id (epoch/number), leader, batch size, one column per
 * node with its vote (✓ yes, ✗ no, · not heard), the decision, and how long it took.
 */
public final class CommitRoundsView extends BorderPane {

    private final TableView<CommitRound> table = new TableView<>();
    private final DoubleProperty fontSize = new SimpleDoubleProperty(InspectorPane.FONT_SIZE);
    private List<Integer> voters = List.of();

    public CommitRoundsView() {
        table.setId("rounds-table");
        // Every column as wide as its content: with nine voters the table scrolls sideways rather than hide votes.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No proposal yet: paint a pixel."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CommitRound round, boolean empty) {
                super.updateItem(round, empty);
                getStyleClass().removeAll("round-commit", "round-abort", "round-pending");
                if (!empty && round != null) {
                    getStyleClass().add("round-" + round.outcome().name().toLowerCase(Locale.ROOT));
                }
            }
        });
        setCenter(table);
        rebuildColumns();
    }

    public void refresh(InspectorModel model) {
        List<CommitRound> rounds = model.rounds().newestFirst();
        TreeSet<Integer> seen = new TreeSet<>(model.cluster().ids());
        rounds.forEach(r -> seen.addAll(r.votes().keySet()));
        if (!List.copyOf(seen).equals(voters)) {
            voters = List.copyOf(seen);
            rebuildColumns();
        }
        table.getItems().setAll(rounds);
    }

    private void rebuildColumns() {
        // The decision and the votes first: on a projector the table is wider than its tab, and they are the story.
        table.getColumns().setAll(List.of(
            column("proposal", 9, CommitRound::id),
            column("decision", 7, r -> r.outcome().name())));
        for (int voter : voters) {
            TableColumn<CommitRound, String> vote = column("n" + voter, 2, r -> symbol(r.votes().get(voter)));
            vote.setCellFactory(c -> new VoteCell());
            table.getColumns().add(vote);
        }
        table.getColumns().add(column("writes", 5, r -> Integer.toString(r.size())));
        table.getColumns().add(column("leader", 4, r -> "n" + r.leader()));
        table.getColumns().add(column("took", 8, r -> r.durationMs() < 0 ? "…" : r.durationMs() + " ms"));
    }

    private TableColumn<CommitRound, String> column(String title, int characters,
                                                    java.util.function.Function<CommitRound, String> value) {
        TableColumn<CommitRound, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return ColumnWidths.sized(column, characters, fontSize);
    }

    /** The font size the table is shown in, in pixels (presentation mode makes it larger): columns follow it. */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    private static String symbol(CommitRound.Vote vote) {
        return vote == null ? "·" : vote == CommitRound.Vote.YES ? "✓" : "✗";
    }

    /** Selects and scrolls to the round {@code epoch/proposalId}; false if it is not (or no longer) shown. */
    public boolean select(long epoch, long proposalId) {
        for (CommitRound round : table.getItems()) {
            if (round.epoch() == epoch && round.proposalId() == proposalId) {
                table.getSelectionModel().select(round);
                table.scrollTo(round);
                return true;
            }
        }
        return false;
    }

    /** Rounds shown, newest first. */
    public List<CommitRound> rounds() {
        return List.copyOf(table.getItems());
    }

    /** A vote, coloured. */
    private static final class VoteCell extends TableCell<CommitRound, String> {
        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty ? null : value);
            getStyleClass().removeAll("vote-yes", "vote-no");
            if ("✓".equals(value)) {
                getStyleClass().add("vote-yes");
            } else if ("✗".equals(value)) {
                getStyleClass().add("vote-no");
            }
        }
    }
}
