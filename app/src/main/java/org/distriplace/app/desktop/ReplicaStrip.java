package org.distriplace.app.desktop;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
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

    private static final double SIDE = 160;
    /** A zoomed replica's side: its pixels are blocks a class can see. */
    static final double ZOOMED_SIDE = 640;

    private final SimulatedCluster cluster;
    private final BiConsumer<Integer, Integer> follow;
    private final Map<Integer, Replica> replicas = new TreeMap<>();
    private int painted;

    /** @param follow follows a pixel in the inspector (a right-click on a replica) */
    ReplicaStrip(SimulatedCluster cluster, BiConsumer<Integer, Integer> follow) {
        super(10);
        this.cluster = cluster;
        this.follow = follow;
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("replica-strip");
        getChildren().add(new Label("Replicas\n(click to paint\nthrough a node;\nright-click to\nfollow a pixel)"));
        for (int id : cluster.nodes()) {
            Replica replica = new Replica(id);
            replicas.put(id, replica);
            getChildren().add(replica);
        }
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
        private final ImageView view = new ImageView();
        private final Label caption = new Label();
        private WritableImage image;
        private CanvasPixels pixels;

        Replica(int id) {
            super(2);
            this.id = id;
            setId("replica-" + id);
            setAlignment(Pos.CENTER);
            view.setFitWidth(SIDE);
            view.setFitHeight(SIDE);
            view.setPreserveRatio(true);
            view.setSmooth(false);
            paintOnClick(view, SIDE);
            Button zoom = new Button("Zoom");
            zoom.setId("zoom-replica-" + id);
            zoom.setOnAction(e -> zoom());
            getChildren().addAll(view, new HBox(6, caption, zoom));
        }

        private void paintOnClick(ImageView target, double side) {
            target.setOnMouseClicked(e -> {
                if (image != null) {
                    int x = (int) (e.getX() / side * image.getWidth());
                    int y = (int) (e.getY() / side * image.getHeight());
                    if (e.getButton() == MouseButton.SECONDARY) {
                        follow.accept(x, y);
                    } else {
                        paint(id, x, y);
                    }
                }
            });
        }

        /** Shows this replica large, in a window of its own; it updates with the strip (it shows the same image). */
        private void zoom() {
            if (image == null) {
                return;
            }
            ImageView large = new ImageView(image);
            large.setId("zoomed-replica-" + id);
            large.setFitWidth(ZOOMED_SIDE);
            large.setFitHeight(ZOOMED_SIDE);
            large.setPreserveRatio(true);
            large.setSmooth(false);
            paintOnClick(large, ZOOMED_SIDE);
            Stage window = new Stage();
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
                caption.setText("n" + id + " · down");
                return;
            }
            CanvasImage canvas = published.get().canvas();
            if (image == null) {
                image = new WritableImage(canvas.width(), canvas.height());
                pixels = new CanvasPixels(canvas.width(), canvas.height(), canvas.palette());
                view.setImage(image);
            }
            pixels.applySnapshot(canvas.toBytes());
            image.getPixelWriter().setPixels(0, 0, canvas.width(), canvas.height(), PixelFormat.getIntArgbInstance(),
                pixels.buffer().array(), 0, canvas.width());
            view.setOpacity(1);
            caption.setText("n" + id + " · " + published.get().stateHash().substring(0, 6));
        }
    }
}
