package org.distriplace.app.desktop;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.RealFaults;
import org.distriplace.core.event.EventTap;

/**
 * Demo mode's window on a loopback cluster: a card per node (its live canvas in miniature, its role, a
 * kill/restart button) and, in the middle, the node the presenter paints through; clicking a card paints through
 * that node instead. The Inspector button shows the cluster inspector beside it, whose fault panel breaks the
 * nodes' real links.
 */
public final class DemoWindow extends BorderPane {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final DemoCluster cluster;
    private final String user;
    private final Map<Integer, NodePane> panes = new TreeMap<>();
    private final Map<Integer, Card> cards = new TreeMap<>();
    private final StackPane centre = new StackPane();
    private final Label error = new Label();
    private final Timeline refresh;
    private final ExecutorService control =
        Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "demo-control");
            thread.setDaemon(true);
            return thread;
        });
    private final EventTap events;
    private final RealFaults faults;
    private LiveInspector inspector;
    private int selected;

    /** @param events every node's events (the inspector subscribes while it is shown) */
    public DemoWindow(DemoCluster cluster, String user, EventTap events) {
        this.cluster = cluster;
        this.user = user;
        this.events = events;
        this.faults = new RealFaults(cluster::ids, id -> cluster.node(id).map(EmbeddedNode::node), lifecycle());
        VBox list = new VBox(8);
        list.setPadding(new Insets(8));
        ToggleButton inspect = new ToggleButton("Inspector");
        inspect.setId("demo-inspector");
        inspect.selectedProperty().addListener((o, was, on) -> showInspector(on));
        list.getChildren().add(inspect);
        for (int id : cluster.ids()) {
            Card card = new Card(id);
            cards.put(id, card);
            list.getChildren().add(card);
            cluster.node(id).ifPresent(node -> attach(id, node));
        }
        error.setId("demo-error");
        list.getChildren().add(error);
        ScrollPane side = new ScrollPane(list);
        side.setFitToWidth(true);
        side.setPrefWidth(200);
        setLeft(side);
        setCenter(centre);
        select(cluster.ids().get(cluster.ids().size() - 1));
        refresh = new Timeline(new KeyFrame(Duration.millis(300), e -> cards.values().forEach(Card::refresh)));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
    }

    /** The fault panel kills and restarts through the cards, so both stay in step. */
    private RealFaults.Lifecycle lifecycle() {
        return new RealFaults.Lifecycle() {
            @Override
            public boolean isRunning(int node) {
                return panes.containsKey(node);
            }

            @Override
            public void kill(int node) {
                DemoWindow.this.kill(node);
            }

            @Override
            public void restart(int node) {
                DemoWindow.this.restart(node);
            }
        };
    }

    private void showInspector(boolean on) {
        if (inspector != null) {
            inspector.close();
            inspector = null;
        }
        if (on) {
            inspector = new LiveInspector("Demo: " + cluster.ids().size() + " nodes over loopback TCP", events,
                () -> cluster.ids().stream().flatMap(id -> cluster.node(id).stream()).map(EmbeddedNode::node)
                    .toList(), faults, DemoCluster.SECRET);
            SplitPane split = new SplitPane(centre, inspector.pane());
            split.setDividerPositions(0.4);
            setCenter(split);
        } else {
            setCenter(centre);
        }
    }

    /** The inspector beside the canvas, if shown. */
    public Optional<LiveInspector> inspector() {
        return Optional.ofNullable(inspector);
    }

    /** The pane of node {@code id}, if it runs. */
    public NodePane pane(int id) {
        return panes.get(id);
    }

    public int selected() {
        return selected;
    }

    /** Paints through node {@code id} from now on. */
    public void select(int id) {
        selected = id;
        NodePane pane = panes.get(id);
        centre.getChildren().setAll(pane != null ? pane : new Label("Node " + id + " is stopped. Restart it on "
            + "the left, or paint through another node."));
        cards.values().forEach(card -> card.setSelected(card.id == id));
    }

    /** Kills node {@code id} (its data stays), as a failed machine would stop. */
    public void kill(int id) {
        NodePane pane = panes.remove(id);
        if (pane != null) {
            pane.close();
        }
        cards.get(id).showBusy("stopping…");
        if (selected == id) {
            select(id);
        }
        // Closing sockets and the store takes a moment: never on the FX thread.
        control.execute(() -> {
            cluster.kill(id);
            FxThread.run(() -> cards.get(id).showStopped());
        });
    }

    /** Restarts node {@code id} on its ports and data; it rejoins and catches up. */
    public void restart(int id) {
        error.setText("");
        cards.get(id).showBusy("starting…");
        control.execute(() -> {
            try {
                EmbeddedNode node = cluster.start(id);
                FxThread.run(() -> {
                    attach(id, node);
                    if (selected == id) {
                        select(id);
                    }
                });
            } catch (Exception e) {
                FxThread.run(() -> {
                    error.setText("Node " + id + " could not restart: " + e.getMessage());
                    cards.get(id).showStopped();
                });
            }
        });
    }

    private void attach(int id, EmbeddedNode node) {
        NodePane pane = new NodePane(node.node(), node.browserUrl(), user);
        panes.put(id, pane);
        cards.get(id).showRunning(pane);
        faults.apply(); // A restarted node comes back with the faults its links had.
    }

    /** Stops drawing and the cluster (the window is closing). */
    public void close() {
        if (inspector != null) {
            inspector.close();
        }
        refresh.stop();
        control.shutdownNow();
        panes.values().forEach(NodePane::close);
        cluster.close();
    }

    /** One node's card on the left. */
    private final class Card extends VBox {

        private final int id;
        private final Label title = new Label();
        private final Label status = new Label();
        private final PixelThumbnail thumbnail = new PixelThumbnail(160);
        private final Button toggle = new Button();

        Card(int id) {
            super(4);
            this.id = id;
            setId("card-" + id);
            getStyleClass().add("node-card");
            setPadding(new Insets(6));
            title.setText("Node " + id);
            title.getStyleClass().add("card-title");
            toggle.setId("card-toggle-" + id);
            toggle.setFocusTraversable(false);
            Button paint = new Button("Paint here");
            paint.setFocusTraversable(false);
            paint.setOnAction(e -> select(id));
            HBox buttons = new HBox(6, paint, toggle);
            buttons.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(title, thumbnail, status, buttons);
            setOnMouseClicked(e -> select(id));
            showStopped();
        }

        void setSelected(boolean on) {
            pseudoClassStateChanged(SELECTED, on);
        }

        void showRunning(NodePane pane) {
            toggle.setDisable(false);
            thumbnail.show(pane.canvas().image());
            thumbnail.setOpacity(1);
            toggle.setText("Kill");
            toggle.setOnAction(e -> kill(id));
            status.setText("starting…");
        }

        void showBusy(String what) {
            toggle.setDisable(true);
            status.setText(what);
        }

        void showStopped() {
            toggle.setDisable(false);
            thumbnail.setOpacity(0.35);
            toggle.setText("Restart");
            toggle.setOnAction(e -> restart(id));
            status.setText("stopped");
        }

        void refresh() {
            thumbnail.redraw();
            cluster.node(id).ifPresent(node -> node.node().report().thenAccept(report -> FxThread.run(() -> {
                if (panes.containsKey(id)) {
                    status.setText(NodeStatus.of(report, node.browserUrl()).node().replace("Node " + id + " · ", "")
                        + " · epoch " + report.epoch() + " · " + report.committedWrites() + " writes");
                }
            })));
        }
    }
}
