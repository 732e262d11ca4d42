package org.distriplace.inspector.view;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.distriplace.core.event.Liveness;
import org.distriplace.inspector.model.Heartbeats;
import org.distriplace.inspector.model.InspectorModel;

/**
 * For every node and each peer it watches, a bar of the time since it last heard that peer, with marks at the
 * suspicion and failure timeouts: the bar resets at each heartbeat, and crosses the marks when a peer falls silent.
 */
public final class HeartbeatView extends ScrollPane {

    private static final double BAR_WIDTH = 260;
    /** The bar's full width stands for this multiple of the failure timeout. */
    private static final double SCALE = 1.25;

    private final VBox rows = new VBox(3);
    private final Map<String, Bar> bars = new HashMap<>();

    public HeartbeatView() {
        rows.setPadding(new Insets(8));
        setContent(rows);
        setFitToWidth(true);
        getStyleClass().add("heartbeat-view");
    }

    public void refresh(InspectorModel model, long now) {
        List<Heartbeats.Silence> silences = model.heartbeats().at(now).stream()
            .filter(s -> model.cluster().node(s.observer()) != null && model.cluster().node(s.observer()).running())
            .toList();
        List<String> keys = silences.stream().map(s -> key(s.observer(), s.peer())).toList();
        if (!keys.equals(rows.getChildren().stream().map(n -> n.getId().substring(3)).toList())) {
            rows.getChildren().clear();
            for (Heartbeats.Silence s : silences) {
                rows.getChildren().add(bars.computeIfAbsent(key(s.observer(), s.peer()), k -> new Bar(s)));
            }
        }
        silences.forEach(s -> bars.get(key(s.observer(), s.peer())).show(s));
    }

    private static String key(int observer, int peer) {
        return observer + "-" + peer;
    }

    /** The bar of observer-hears-peer, if shown ({@code "hb-1-3"} in the scene). */
    public Map<String, Double> fractions() {
        Map<String, Double> out = new HashMap<>();
        bars.forEach((key, bar) -> out.put(key, bar.fill.getWidth() / BAR_WIDTH));
        return out;
    }

    /** One row: "n1 hears n3", the bar, the silence in seconds. */
    private static final class Bar extends HBox {
        private final Rectangle fill = new Rectangle(0, 12);
        private final Line suspect = new Line();
        private final Line failure = new Line();
        private final Label text = new Label();

        Bar(Heartbeats.Silence s) {
            super(8);
            setId("hb-" + key(s.observer(), s.peer()));
            setAlignment(Pos.CENTER_LEFT);
            Label name = new Label("n" + s.observer() + " hears n" + s.peer());
            name.setMinWidth(90);
            Rectangle track = new Rectangle(BAR_WIDTH, 12);
            track.getStyleClass().add("hb-track");
            fill.getStyleClass().add("hb-fill");
            suspect.getStyleClass().add("hb-suspect-mark");
            failure.getStyleClass().add("hb-failure-mark");
            Pane bar = new Pane(track, fill, suspect, failure);
            bar.setMinWidth(BAR_WIDTH);
            bar.setPrefWidth(BAR_WIDTH);
            getChildren().addAll(name, bar, text);
        }

        void show(Heartbeats.Silence s) {
            double failureX = BAR_WIDTH / SCALE;
            double suspectX = failureX * s.timing().suspectAfterMs() / s.timing().failureTimeoutMs();
            suspect.setStartX(suspectX);
            suspect.setEndX(suspectX);
            suspect.setEndY(12);
            failure.setStartX(failureX);
            failure.setEndX(failureX);
            failure.setEndY(12);
            fill.setWidth(Math.min(BAR_WIDTH, failureX * s.ofFailureTimeout()));
            fill.getStyleClass().removeAll("hb-alive", "hb-suspected", "hb-dead");
            fill.getStyleClass().add(s.liveness() == Liveness.ALIVE ? "hb-alive"
                : s.liveness() == Liveness.SUSPECTED ? "hb-suspected" : "hb-dead");
            text.setText(s.silenceMs() < 0 ? "never heard"
                : String.format(Locale.ROOT, "%.1f s%s", s.silenceMs() / 1000.0,
                    s.liveness() == Liveness.ALIVE ? "" : " · " + s.liveness()));
        }
    }
}
