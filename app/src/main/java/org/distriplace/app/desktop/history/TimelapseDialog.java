package org.distriplace.app.desktop.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.distriplace.app.desktop.FxThread;
import org.distriplace.app.runtime.TimelapseFile;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.history.TimelapsePlan;

/**
 * Exports a timelapse GIF: the span (the whole history to start with, ISO-8601), frames, speed, a region (or what
 * the canvas shows) and scale, and a file. It renders on a thread of its own with a progress bar; Cancel stops it
 * and leaves no file.
 */
public final class TimelapseDialog extends Stage {

    private final HistoryReader reader;
    private final TextField from = field("timelapse-from", "");
    private final TextField to = field("timelapse-to", "");
    private final TextField frames = field("timelapse-frames", "100");
    private final TextField fps = field("timelapse-fps", "10");
    private final TextField region = field("timelapse-region", "");
    private final TextField scale = field("timelapse-scale", "1");
    private final TextField out = field("timelapse-out", Path.of(System.getProperty("user.home"),
        "distri-place-timelapse.gif").toString());
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button export = new Button("Export");
    private final Button cancel = new Button("Close");
    private AtomicBoolean cancelled;
    private Thread worker;

    /** @param visible what the canvas shows now, as x, y, width, height (for "Use what I see") */
    public TimelapseDialog(HistoryReader reader, int width, int height, Supplier<int[]> visible) {
        this.reader = reader;
        setTitle("Export a timelapse");
        region.setPromptText("the whole " + width + "x" + height + " canvas");
        Button seen = new Button("Use what I see");
        seen.setOnAction(e -> {
            int[] r = visible.get();
            region.setText(r == null ? "" : r[0] + "," + r[1] + "," + r[2] + "," + r[3]);
        });
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> chooseFile());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("From (ISO-8601)"), from);
        form.addRow(1, new Label("To"), to);
        form.addRow(2, new Label("Frames"), frames);
        form.addRow(3, new Label("Frames a second"), fps);
        form.addRow(4, new Label("Region x,y,w,h"), region, seen);
        form.addRow(5, new Label("Scale"), scale);
        form.addRow(6, new Label("Save as"), out, choose);
        progress.setId("timelapse-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        status.setId("timelapse-status");
        export.setId("timelapse-export");
        export.setDefaultButton(true);
        export.setOnAction(e -> start());
        cancel.setId("timelapse-cancel");
        cancel.setOnAction(e -> cancelOrClose());
        setOnCloseRequest(e -> stopWorker());
        VBox root = new VBox(10, form, progress, status, new HBox(8, export, cancel));
        root.setPadding(new Insets(12));
        setScene(new Scene(root));
        reader.range().thenAccept(range -> FxThread.run(() -> {
            if (range.placements() > 0 && from.getText().isEmpty()) {
                from.setText(Instant.ofEpochMilli(Hlc.physical(range.first())).toString());
                to.setText(Instant.ofEpochMilli(Hlc.physical(range.last())).toString());
            }
        }));
    }

    private static TextField field(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setPrefColumnCount(22);
        return field;
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GIF animation", "*.gif"));
        chooser.setInitialFileName(Path.of(out.getText()).getFileName().toString());
        java.io.File file = chooser.showSaveDialog(this);
        if (file != null) {
            out.setText(file.getPath());
        }
    }

    private TimelapsePlan plan() {
        // Both times come from the form, so the history's span is not consulted.
        return TimelapsePlan.of(new HistoryReads.Range(0, 0, 0), from.getText().strip(), to.getText().strip(),
            number(frames, "frames"), number(fps, "fps"), region.getText().isBlank() ? null : region.getText(),
            number(scale, "scale"), reader.canvasWidth(), reader.canvasHeight());
    }

    private static int number(TextField field, String name) {
        try {
            return Integer.parseInt(field.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + field.getText() + "'");
        }
    }

    /** Starts rendering; bad values or a budget exceeded are said in the status line. */
    public void start() {
        TimelapsePlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException | TimelapsePlan.BudgetExceeded bad) {
            status.setText(bad.getMessage());
            return;
        }
        Path file = Path.of(out.getText().strip());
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        export.setDisable(true);
        cancel.setText("Cancel");
        progress.setProgress(0);
        status.setText("Rendering " + plan.frames() + " frames…");
        worker = new Thread(() -> render(plan, file, stop), "timelapse-export");
        worker.setDaemon(true);
        worker.setPriority(Thread.MIN_PRIORITY);
        worker.start();
    }

    private void render(TimelapsePlan plan, Path file, AtomicBoolean stop) {
        String outcome;
        try {
            TimelapseFile.write(reader.timelapse(), plan, file, (done, total) -> {
                if (stop.get()) {
                    throw new CancellationException();
                }
                FxThread.run(() -> progress.setProgress(done / (double) total));
            });
            outcome = String.format(Locale.ROOT, "Saved %s (%,d KB).", file.getFileName(), Files.size(file) / 1024);
        } catch (CancellationException e) {
            outcome = "Cancelled: nothing was saved.";
        } catch (IOException | RuntimeException e) {
            outcome = "Not saved: " + e.getMessage();
        }
        String said = outcome;
        FxThread.run(() -> {
            status.setText(said);
            export.setDisable(false);
            cancel.setText("Close");
            worker = null;
        });
    }

    private void cancelOrClose() {
        if (worker != null) {
            stopWorker();
        } else {
            close();
        }
    }

    private void stopWorker() {
        if (cancelled != null) {
            cancelled.set(true);
        }
    }

    /** Whether an export is running (for tests). */
    public boolean exporting() {
        return worker != null;
    }
}
