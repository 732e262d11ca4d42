package org.distriplace.app.desktop.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.distriplace.app.desktop.FxThread;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.model.PixelWrite;

/**
 * Who painted a pixel: its placements, newest first and paged, each with when, by whom, and how the cluster committed
 * it (epoch, leader, batch, vector clock), with a link that shows that commit in the inspector.
 */
public final class PixelInfoPanel extends VBox {

    static final int PAGE = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withZone(ZoneId.systemDefault());

    /** Opens the inspector on a commit: its round {@code epoch/batch} at {@code atMs}; false if it cannot. */
    @FunctionalInterface
    public interface ProvenanceLink {
        boolean open(long epoch, long batch, long atMs);
    }

    private final HistoryReader reader;
    private final ProvenanceLink link;
    private final Label title = new Label();
    private final VBox rows = new VBox(2);
    private final Button more = new Button("Earlier placements");
    private int x;
    private int y;
    private long oldestMs;
    private int shown;

    public PixelInfoPanel(HistoryReader reader, ProvenanceLink link, Runnable close) {
        this.reader = reader;
        this.link = link;
        setId("pixel-info");
        title.setId("pixel-info-title");
        title.setStyle("-fx-font-weight: bold");
        rows.setId("pixel-info-list");
        more.setId("pixel-info-more");
        more.setOnAction(e -> load(oldestMs));
        Button closer = new Button("×");
        closer.setOnAction(e -> close.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, title, spacer, closer);
        top.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(top, scroll, more);
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(290);
        getStyleClass().add("pixel-info");
    }

    /** Lists the placements at (x, y) up to {@code untilMs} (inclusive; {@code Long.MAX_VALUE}: all). */
    public void show(int x, int y, long untilMs) {
        this.x = x;
        this.y = y;
        this.shown = 0;
        title.setText("Pixel (" + x + ", " + y + ")");
        rows.getChildren().clear();
        load(untilMs == Long.MAX_VALUE ? Long.MAX_VALUE : untilMs + 1);
    }

    /** How many placements are listed (for tests and the status line). */
    public int listed() {
        return shown;
    }

    private void load(long beforeMs) {
        int atX = x;
        int atY = y;
        reader.pixel(x, y, PAGE, beforeMs).thenAccept(writes -> FxThread.run(() -> {
            if (atX == x && atY == y) {
                add(writes);
            }
        }));
    }

    private void add(List<PixelWrite> writes) {
        for (PixelWrite write : writes) {
            rows.getChildren().add(row(write));
        }
        shown += writes.size();
        if (shown == 0) {
            rows.getChildren().add(new Label("Nobody has painted this pixel yet."));
        }
        if (!writes.isEmpty()) {
            oldestMs = Hlc.physical(writes.get(writes.size() - 1).timestamp());
        }
        more.setVisible(writes.size() == PAGE);
    }

    private BorderPane row(PixelWrite write) {
        long ms = Hlc.physical(write.timestamp());
        Rectangle chip = new Rectangle(16, 16, Color.rgb(write.color().rgb() >> 16 & 0xFF,
            write.color().rgb() >> 8 & 0xFF, write.color().rgb() & 0xFF));
        chip.setStroke(Color.GRAY);
        Label who = new Label(write.user() + "  " + write.color().hex() + "\n" + TIME.format(Instant.ofEpochMilli(ms)));
        who.getStyleClass().add("placement");
        String clock = write.vectorClock().asMap().entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", ", "⟨", "⟩"));
        Label provenance = new Label("epoch " + write.epoch() + " · leader " + write.nodeId() + " · batch "
            + write.batch() + "\nvector clock " + clock);
        provenance.getStyleClass().add("provenance");
        Hyperlink inspect = new Hyperlink("Show in inspector");
        inspect.getStyleClass().add("provenance-link");
        inspect.setOnAction(e -> {
            if (!link.open(write.epoch(), write.batch(), ms)) {
                inspect.setText("Older than the inspector remembers");
                inspect.setDisable(true);
            }
        });
        BorderPane row = new BorderPane(new VBox(2, who, provenance, inspect));
        row.setLeft(chip);
        BorderPane.setMargin(chip, new Insets(2, 8, 0, 0));
        row.setPadding(new Insets(4, 0, 4, 0));
        row.getStyleClass().add("placement-row");
        return row;
    }
}
