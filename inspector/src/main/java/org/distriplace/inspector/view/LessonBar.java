package org.distriplace.inspector.view;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.distriplace.inspector.feed.LessonRunner;

/**
 * A lesson's caption above the views: what to watch now and why, the step it is on, and Next (to go on from a
 * pause, or skip a wait) and Stop.
 */
final class LessonBar extends HBox {

    private final LessonRunner runner;
    private final Label caption = new Label();
    private final Label progress = new Label();
    private final Button next = new Button("Next ▸");
    /** Presses of Next closer together than this are one press. */
    static final long DOUBLE_PRESS_NANOS = 600_000_000L;
    private long lastNext = System.nanoTime() - DOUBLE_PRESS_NANOS;

    LessonBar(LessonRunner runner, Runnable stop) {
        super(10);
        this.runner = runner;
        getStyleClass().add("lesson-bar");
        setId("lesson-bar");
        // Top-aligned: Next stays where it was when the next caption takes another line.
        setAlignment(Pos.TOP_LEFT);
        setPadding(new Insets(6, 8, 6, 8));
        caption.setId("lesson-caption");
        caption.setWrapText(true);
        caption.getStyleClass().add("lesson-caption");
        HBox.setHgrow(caption, Priority.ALWAYS);
        caption.setMaxWidth(Double.MAX_VALUE);
        progress.setId("lesson-progress");
        next.setId("lesson-next");
        next.setOnAction(e -> next());
        Button close = new Button("Stop lesson");
        close.setId("lesson-stop");
        close.setOnAction(e -> stop.run());
        // The caption wraps; the rest keep their width, so nothing is cut to "…" (in presentation mode too).
        for (Region fixed : new Region[] {progress, next, close}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(progress, caption, next, close);
        refresh();
        SteadyWidth.of(next, "Next ▸", "Skip ▸");
    }

    /**
     * Goes on from a pause (or skips the step's wait), as the Next button and a presenter's clicker (Page Down) do.
     * A second press within {@link #DOUBLE_PRESS_NANOS} is taken as the same press: a double click, or a clicker's
     * key repeat, does not skip the step after.
     */
    void next() {
        long now = System.nanoTime();
        if (now - lastNext < DOUBLE_PRESS_NANOS || runner.finished()) {
            return;
        }
        lastNext = now;
        runner.next();
        refresh();
    }

    void refresh() {
        int steps = runner.lesson().steps().size();
        progress.setText(runner.finished() ? runner.lesson().title() + ": done"
            : String.format(Locale.ROOT, "%s · step %d of %d%s", runner.lesson().title(), runner.step(), steps,
                runner.waiting() ? " · paused" : ""));
        caption.setText(runner.finished() ? "The lesson is over: the demo goes on; play another, or break things "
            + "yourself." : runner.caption());
        next.setDisable(runner.finished());
        next.setText(runner.waiting() ? "Next ▸" : "Skip ▸");
    }
}
