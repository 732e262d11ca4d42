package org.distriplace.app.desktop.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.distriplace.app.desktop.FxThread;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.history.PastCanvas;

/**
 * History mode's bar: a slider over the history's span (the canvas shows the moment it points at), play and
 * pause (the evening replays in about fifteen seconds), and Live to go back. Reads go through the
 * {@link HistoryReader}; the canvas is told what to show.
 */
public final class HistoryBar extends HBox {

    /** Play steps through the span in this many steps, one every {@link #PLAY_STEP}. */
    static final int PLAY_STEPS = 150;
    static final Duration PLAY_STEP = Duration.millis(100);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withZone(ZoneId.systemDefault());

    private final HistoryReader reader;
    private final Consumer<PastCanvas> showPast;
    private final Slider slider = new Slider();
    private final Label time = new Label();
    private final Button play = new Button("▶");
    private final Timeline player = new Timeline(new KeyFrame(PLAY_STEP, e -> playStep()));
    private boolean loading;
    private long shownMs = -1;

    /**
     * @param showPast shows a past canvas
     * @param live     called when the player asks to go back to the live canvas
     */
    public HistoryBar(HistoryReader reader, Consumer<PastCanvas> showPast, Runnable live) {
        this.reader = reader;
        this.showPast = showPast;
        slider.setId("history-slider");
        time.setId("history-time");
        time.setMinWidth(230);
        play.setId("history-play");
        play.setTooltip(new Tooltip("Play the history from here"));
        play.setOnAction(e -> togglePlay());
        Button back = new Button("Live");
        back.setId("history-live");
        back.setTooltip(new Tooltip("Back to the live canvas"));
        back.setOnAction(e -> live.run());
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((o, was, now) -> seek(now.longValue()));
        player.setCycleCount(Timeline.INDEFINITE);
        getChildren().addAll(play, slider, time, back);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("history-bar");
    }

    /** Spans the slider over the history as it is now and shows its newest moment. */
    public void open() {
        reader.range().thenAccept(range -> FxThread.run(() -> span(range)));
    }

    private void span(HistoryReads.Range range) {
        if (range.placements() == 0) {
            time.setText("Nothing painted yet");
            return;
        }
        long first = Hlc.physical(range.first());
        long last = Hlc.physical(range.last());
        slider.setMin(first - 1);
        slider.setMax(last);
        showMoment(last);
    }

    /** Shows the canvas at {@code ms} (the slider moves there too). */
    public void showMoment(long ms) {
        if (slider.getValue() == ms) {
            seek(ms);
        } else {
            slider.setValue(ms);
        }
    }

    private void seek(long ms) {
        loading = true;
        reader.at(ms).thenAccept(canvas -> FxThread.run(() -> canvas.ifPresent(past -> {
            loading = false;
            shownMs = ms;
            showPast.accept(past);
            time.setText(TIME.format(Instant.ofEpochMilli(ms)) + " · " + past.placements() + " placement"
                + (past.placements() == 1 ? "" : "s"));
        })));
    }

    /** The moment shown, or -1 before the first is loaded. */
    public long shownMs() {
        return shownMs;
    }

    public boolean playing() {
        return player.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private void togglePlay() {
        if (playing()) {
            pause();
            return;
        }
        if (slider.getValue() >= slider.getMax()) {
            slider.setValue(slider.getMin());
        }
        play.setText("❚❚");
        player.play();
    }

    /** Stops playing (the moment shown stays). */
    public void pause() {
        player.stop();
        play.setText("▶");
    }

    private void playStep() {
        if (loading) {
            return; // one moment at a time: a long history plays slower, it never queues up
        }
        double next = Math.min(slider.getMax(), slider.getValue() + (slider.getMax() - slider.getMin()) / PLAY_STEPS);
        slider.setValue(next);
        if (next >= slider.getMax()) {
            pause();
        }
    }
}
