package org.distriplace.inspector.view;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.distriplace.inspector.model.PixelJourney;
import org.distriplace.inspector.model.ShardStates;

/**
 * Follow a pixel: pick a pixel (here, or by right-clicking a replica in the demo) and the journey of its newest
 * write is listed step by step, while the graph and the space-time diagram show the messages that carried it.
 */
public final class PixelJourneyView extends BorderPane {

    private final TextField x = new TextField();
    private final TextField y = new TextField();
    private final Label heading = new Label("Pick a pixel: right-click a replica in the demo, or give x and y.");
    private final ListView<String> stops = new ListView<>();
    private final Label shardLine = new Label();

    /** @param follow follows (x, y) and returns the journey, if that pixel was painted */
    public PixelJourneyView(BiFunction<Integer, Integer, Optional<PixelJourney>> follow, Runnable clear) {
        x.setPrefColumnCount(4);
        y.setPrefColumnCount(4);
        x.setId("follow-x");
        y.setId("follow-y");
        Button go = new Button("Follow");
        go.setId("follow");
        go.setOnAction(e -> {
            try {
                follow.apply(Integer.parseInt(x.getText().strip()), Integer.parseInt(y.getText().strip()));
            } catch (NumberFormatException bad) {
                heading.setText("x and y are whole numbers.");
            }
        });
        Button stop = new Button("Clear");
        stop.setId("follow-clear");
        stop.setOnAction(e -> clear.run());
        HBox bar = new HBox(6, new Label("x"), x, new Label("y"), y, go, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        heading.setId("journey-heading");
        heading.setWrapText(true);
        heading.setPadding(new Insets(0, 6, 6, 6));
        stops.setId("journey");
        shardLine.setId("journey-shard");
        shardLine.setWrapText(true);
        shardLine.setPadding(new Insets(0, 6, 6, 6));
        showShard(null);
        setTop(new javafx.scene.layout.VBox(bar, heading, shardLine));
        setCenter(stops);
    }

    /** Shows {@code journey}, or says the pixel was never painted. */
    void show(int px, int py, Optional<PixelJourney> journey) {
        x.setText(Integer.toString(px));
        y.setText(Integer.toString(py));
        stops.getItems().clear();
        if (journey.isEmpty()) {
            heading.setText("No committed write at (" + px + "," + py + ") that the inspector heard of.");
            return;
        }
        heading.setText("(" + px + "," + py + "): " + journey.get().write().color() + " by "
            + journey.get().write().user() + ", dot " + journey.get().write().dot() + "; bold in the space-time "
            + "diagram: the messages that carried it.");
        journey.get().stops().forEach(stop -> stops.getItems().add(String.format(Locale.ROOT, "%8.3f s  n%-3d %s",
            stop.at() / 1000.0, stop.node(), stop.what())));
    }

    /**
     * Names the shard the followed pixel belongs to and the group that orders it (null: the canvas is one shard):
     * the journey's PREPARE and COMMIT are that group's.
     */
    void showShard(ShardStates.Shard shard) {
        shardLine.setVisible(shard != null);
        shardLine.setManaged(shard != null);
        if (shard != null) {
            shardLine.setText("Shard " + shard.id() + " (group g" + (shard.id() + 1) + ") orders it: replicas "
                + shard.replicas() + (shard.leader() == 0 ? ", no leader now" : ", led by n" + shard.leader()
                + " in epoch " + shard.epoch()) + ". Every other node learns it as a learner, without a vote.");
        }
    }

    void clear() {
        stops.getItems().clear();
        showShard(null);
        heading.setText("Pick a pixel: right-click a replica in the demo, or give x and y.");
    }
}
