package org.distriplace.app.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.distriplace.app.desktop.canvas.CanvasPixels;
import org.distriplace.core.model.Palette;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.inspector.feed.SimulatedCluster;

/**
 * Simulated demo mode's canvases: every node's replica side by side, so a partition shows as replicas drifting
 * apart and healing as them agreeing again. Clicking a replica paints a pixel through that node; its Zoom button
 * opens it large, in a window of its own that a projector shows from the back of the room.
 */
final class ReplicaStrip extends HBox {

    /** A replica's largest side, and its smallest: below it, the strip scrolls instead of shrinking. */
    static final double SIDE = 160;
    static final double SMALLEST_SIDE = 64;
    /** The strip never takes more than this share of the window's height (the graph is the picture). */
    private static final double HEIGHT_SHARE = 0.17;
    private static final double GAP = 10;
    /** A zoomed replica's side: its pixels are blocks a class can see. */
    static final double ZOOMED_SIDE = 640;

    private final SimulatedCluster cluster;
    private final BiConsumer<Integer, Integer> follow;
    private final Map<Integer, Replica> replicas = new TreeMap<>();
    private final Label help = new Label("Replicas\n(click to paint\nthrough a node;\nright-click to\nfollow a pixel)");
    private double side = SIDE;
    private int painted;

    /** @param follow follows a pixel in the inspector (a right-click on a replica) */
    ReplicaStrip(SimulatedCluster cluster, BiConsumer<Integer, Integer> follow) {
        super(GAP);
        this.cluster = cluster;
        this.follow = follow;
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("replica-strip");
        help.setId("replica-help");
        help.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().add(help);
        for (int id : cluster.nodes()) {
            Replica replica = new Replica(id);
            replicas.put(id, replica);
            getChildren().add(replica);
        }
    }

    /**
     * Sizes the replicas to the room there is: all of them side by side across {@code width}, and no more than a
     * share of the window's {@code height}.
     */
    void fit(double width, double height) {
        int count = Math.max(1, replicas.size());
        double across = (width - help.prefWidth(-1) - getPadding().getLeft() - getPadding().getRight()
            - GAP * count) / count;
        double fitted = Math.floor(Math.max(SMALLEST_SIDE, Math.min(SIDE, Math.min(across, height * HEIGHT_SHARE))));
        if (fitted != side) {
            side = fitted;
            replicas.values().forEach(replica -> replica.view.setSide(side));
        }
    }

    /** The replicas' side now. */
    double side() {
        return side;
    }

    /** Redraws every running replica. */
    void refresh() {
        replicas.values().forEach(Replica::refresh);
    }

    /** Paints one pixel through {@code node} at canvas cell ({@code x}, {@code y}), cycling through colours. */
    void paint(int node, int x, int y) {
        cluster.view(node).ifPresent(view -> {
            Palette palette = view.canvas().palette();
            cluster.place(node, "presenter-" + painted, x, y, palette.color(painted++ % palette.size()));
        });
    }

    /** One node's canvas. */
    private final class Replica extends VBox {
        private final int id;
        private final PixelThumbnail view = new PixelThumbnail(SIDE);
        private final List<PixelThumbnail> zoomed = new ArrayList<>();
        private final Label caption = new Label();
        private final Label hash = new Label();
        private WritableImage image;
        private CanvasPixels pixels;

        Replica(int id) {
            super(2);
            this.id = id;
            setId("replica-" + id);
            setAlignment(Pos.CENTER);
            view.setId("replica-view-" + id);
            paintOnClick(view);
            caption.getStyleClass().add("replica-caption");
            caption.setMinWidth(Region.USE_PREF_SIZE);
            hash.getStyleClass().add("replica-hash");
            hash.setTooltip(new Tooltip("The start of this replica's state hash: replicas that agree show the same"));
            // A small button, so nine replicas fit a projector's width with their names whole.
            Button zoom = new Button("⤢");
            zoom.setId("zoom-replica-" + id);
            zoom.setTooltip(new Tooltip("Zoom: this replica large, in a window of its own"));
            zoom.setMinWidth(Region.USE_PREF_SIZE);
            zoom.setOnAction(e -> zoom());
            HBox line = new HBox(6, caption, hash, zoom);
            line.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(view, line);
        }

        private void clicked(MouseButton button, int x, int y) {
            if (button == MouseButton.SECONDARY) {
                follow.accept(x, y);
            } else {
                paint(id, x, y);
            }
        }

        private void paintOnClick(PixelThumbnail target) {
            target.setOnMouseClicked(e -> target.cellAt(e.getX(), e.getY()).ifPresent(cell ->
                clicked(e.getButton(), (int) cell.getX(), (int) cell.getY())));
        }

        /** Shows this replica large, in a window of its own; it updates with the strip (it shows the same image). */
        private void zoom() {
            if (image == null) {
                return;
            }
            PixelThumbnail large = new PixelThumbnail(ZOOMED_SIDE);
            large.setId("zoomed-replica-" + id);
            large.show(image);
            paintOnClick(large);
            zoomed.add(large);
            Stage window = new Stage();
            window.setOnHidden(e -> zoomed.remove(large));
            window.setTitle("Replica of node " + id + " (click to paint through it)");
            window.setScene(new Scene(new StackPane(large)));
            if (getScene() != null) {
                window.initOwner(getScene().getWindow());
            }
            window.show();
        }

        void refresh() {
            var published = cluster.view(id);
            if (published.isEmpty()) {
                view.setOpacity(0.3);
                caption.setText("n" + id);
                hash.setText("down");
                return;
            }
            CanvasImage canvas = published.get().canvas();
            if (image == null) {
                image = new WritableImage(canvas.width(), canvas.height());
                pixels = new CanvasPixels(canvas.width(), canvas.height(), canvas.palette());
                view.show(image);
            }
            pixels.applySnapshot(canvas.toBytes());
            image.getPixelWriter().setPixels(0, 0, canvas.width(), canvas.height(), PixelFormat.getIntArgbInstance(),
                pixels.buffer().array(), 0, canvas.width());
            view.redraw();
            zoomed.forEach(PixelThumbnail::redraw);
            view.setOpacity(1);
            caption.setText("n" + id);
            hash.setText(published.get().stateHash().substring(0, 4));
        }
    }
}
