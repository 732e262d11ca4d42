package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.ShardStates;

/**
 * The sharded canvas (ADR 0017, seed 1's scalability section): on one side the canvas cut into its shards, each
 * coloured by its group with its leader crowned ({@link ShardMapDrawing}); on the other each shard joined to the
 * nodes that hold it, the picture seed 1 draws as a hash ring ({@link HashRingDrawing}); a line below counts the shards led, electing and without a quorum.
 * Side by side when there is width for both, one above the other otherwise. A cluster of one shard says so.
 */
public final class ShardMapView extends Region {

    private final Canvas drawing = new Canvas();
    private final Label mapTitle = new Label();
    private final Label ringTitle = new Label("Where the shards live: rendezvous hashing ranks every node for "
        + "each shard and keeps the top ones; each shard (inside) is joined to its replicas (outside; thick: its "
        + "leader)");
    private final Label summary = new Label();
    private final DoubleProperty fontSize = new SimpleDoubleProperty(InspectorPane.FONT_SIZE);
    private InspectorModel model;
    private long now;
    private int[] followed;

    public ShardMapView() {
        getStyleClass().add("shard-map");
        setId("shard-map");
        mapTitle.setId("shard-map-title");
        ringTitle.setId("hash-ring-title");
        summary.setId("shard-summary");
        for (Label label : List.of(mapTitle, ringTitle, summary)) {
            label.setWrapText(true);
            label.setPadding(new Insets(2, 8, 2, 8));
        }
        drawing.setMouseTransparent(true);
        getChildren().addAll(drawing, mapTitle, ringTitle, summary);
        setMinSize(200, 160);
        fontSize.addListener(o -> {
            String style = String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", fontSize.get());
            List.of(mapTitle, ringTitle, summary).forEach(label -> label.setStyle(style));
            requestLayout();
        });
    }

    /** The type size of titles and labels (presentation mode's is larger). */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    /** Marks pixel {@code (x, y)} in its shard; null clears it. */
    void follow(int[] pixel) {
        followed = pixel;
        draw();
    }

    /** Shows the model at cluster time {@code now}: the titles now, the drawing at the next layout pass. */
    public void refresh(InspectorModel next, long time) {
        this.model = next;
        this.now = time;
        showTexts();
        requestLayout();
    }

    private boolean sideBySide() {
        return getWidth() >= getHeight() * 1.4;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double summaryHeight = summary.prefHeight(width);
        summary.resizeRelocate(0, height - summaryHeight, width, summaryHeight);
        drawing.relocate(0, 0);
        drawing.setWidth(width);
        drawing.setHeight(Math.max(0, height - summaryHeight));
        if (sideBySide()) {
            double half = width / 2;
            mapTitle.resizeRelocate(0, 0, half, mapTitle.prefHeight(half));
            ringTitle.resizeRelocate(half, 0, half, ringTitle.prefHeight(half));
        } else {
            double rest = (height - summaryHeight) / 2;
            mapTitle.resizeRelocate(0, 0, width, mapTitle.prefHeight(width));
            ringTitle.resizeRelocate(0, rest, width, ringTitle.prefHeight(width));
        }
        draw();
    }

    /** The titles and the summary line (their heights decide the layout, so they are set before it). */
    private void showTexts() {
        ShardStates states = model.shards();
        List<ShardStates.Shard> shards = states.shards();
        boolean cut = states.sharded();
        ringTitle.setVisible(cut);
        mapTitle.setText(cut ? "Shard map: " + shards.size() + " shards, each its own group (★ its leader)"
            : "One shard: every node holds the whole canvas and votes on every write. Start the demo with "
                + "--shards 3x3 to cut it.");
        summary.setText(cut ? summary(shards) : "");
    }

    /** The shard map and the replicas beside it, on the canvas. */
    private void draw() {
        GraphicsContext g = drawing.getGraphicsContext2D();
        g.clearRect(0, 0, drawing.getWidth(), drawing.getHeight());
        if (model == null || !model.shards().sharded()) {
            return;
        }
        ShardStates states = model.shards();
        List<ShardStates.Shard> shards = states.shards();
        double height = drawing.getHeight();
        double width = drawing.getWidth();
        Rectangle2D mapBox;
        Rectangle2D ringBox;
        if (sideBySide()) {
            double top = Math.max(mapTitle.getHeight(), ringTitle.getHeight()) + 4;
            mapBox = new Rectangle2D(8, top, width / 2 - 16, Math.max(1, height - top - 4));
            ringBox = new Rectangle2D(width / 2 + 8, top, width / 2 - 16, Math.max(1, height - top - 4));
        } else {
            double half = height / 2;
            double top = mapTitle.getHeight() + 4;
            mapBox = new Rectangle2D(8, top, width - 16, Math.max(1, half - top - 4));
            double ringTop = half + ringTitle.getHeight() + 4;
            ringBox = new Rectangle2D(8, ringTop, width - 16, Math.max(1, height - ringTop - 4));
        }
        int canvasWidth = shards.stream().mapToInt(s -> s.x() + s.width()).max().orElse(1);
        int canvasHeight = shards.stream().mapToInt(s -> s.y() + s.height()).max().orElse(1);
        ShardMapDrawing.draw(g, mapBox, shards, canvasWidth, canvasHeight, now, fontSize.get(), followed);
        TreeSet<Integer> nodes = new TreeSet<>(model.cluster().ids());
        shards.forEach(shard -> nodes.addAll(shard.replicas()));
        HashRingDrawing.draw(g, ringBox, shards, List.copyOf(nodes), states.runningNodes(), fontSize.get());
    }

    private static String summary(List<ShardStates.Shard> shards) {
        long led = shards.stream().filter(s -> s.health() == ShardStates.Health.LED).count();
        long electing = shards.stream().filter(s -> s.health() == ShardStates.Health.ELECTING).count();
        List<Integer> refusing = shards.stream().filter(s -> s.health() == ShardStates.Health.NO_QUORUM)
            .map(ShardStates.Shard::id).toList();
        return led + " of " + shards.size() + " shards led" + (electing > 0 ? ", " + electing + " electing" : "")
            + (refusing.isEmpty() ? "; every shard can commit."
            : "; shards " + refusing + " lost their majority and answer NO_QUORUM, while the others paint.");
    }
}
