package org.distriplace.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distriplace.app.runtime.TimelapseFile;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.history.TimelapsePlan;
import org.distriplace.core.model.Palette;
import org.distriplace.core.store.SqliteChunkSource;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.store.SqliteSnapshots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distri-place timelapse}: an animated GIF of a node's canvas history, made from its data directory (a
 * stopped node's, or a running one's: it only reads), with a progress bar on the terminal.
 */
@Command(name = "timelapse", header = "Make an animated GIF of a canvas's history from a node's data directory.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Reads the history a node stored (every committed placement) and draws",
        "FRAMES moments evenly spaced from --from to --to (the whole history when",
        "left out). Works on a stopped node's data; only reads it.",
        "",
    })
public final class TimelapseCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
        description = "The node's data directory (e.g. ~/.distri-place/node-1).")
    Path dataDir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the GIF.")
    Path out;

    @Option(names = "--from", paramLabel = "ISO-8601",
        description = "The first frame's moment, e.g. 2026-11-30T20:00:00Z (default: the first placement).")
    String from;

    @Option(names = "--to", paramLabel = "ISO-8601",
        description = "The last frame's moment (default: the last placement).")
    String to;

    @Option(names = "--frames", defaultValue = "100", description = "Frames, evenly spaced in time (default: "
        + "${DEFAULT-VALUE}; at most " + TimelapsePlan.MAX_FRAMES + ").")
    int frames;

    @Option(names = "--fps", defaultValue = "10", description = "Frames a second when played (default: "
        + "${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--region", paramLabel = "X,Y,W,H", description = "Only this rectangle of the canvas.")
    String region;

    @Option(names = "--scale", defaultValue = "1", description = "Each canvas pixel as K x K pixels (default: "
        + "${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--palette", description = "The palette file the node ran with (default: r/place 2022).")
    Path palette;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(dataDir.resolve(SqliteEventStore.FILE_NAME))) {
            err.println("no node data in " + dataDir + " (expected " + SqliteEventStore.FILE_NAME + " there)");
            return 2;
        }
        Palette colors = palette == null ? Palette.rPlace2022() : Palette.load(palette);
        try (SqliteChunkSource chunks = SqliteChunkSource.open(dataDir)) {
            SqliteChunkSource.CanvasSize size = chunks.canvasSize();
            HistoryReads.Range range = History.load(chunks, size.width(), size.height()).range();
            TimelapsePlan plan;
            try {
                plan = plan(range, size);
            } catch (IllegalArgumentException | TimelapsePlan.BudgetExceeded bad) {
                err.println(bad.getMessage());
                return 2;
            }
            try (SqliteSnapshots snapshots = SqliteSnapshots.open(dataDir, size.width(), size.height())) {
                TimeMachine machine = new TimeMachine(chunks, snapshots, size.width(), size.height(), colors);
                write(new Timelapse(machine, size.width(), size.height(), colors), plan);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frames of %dx%d, %d bytes%n", out,
                plan.frames(), plan.outputWidth(), plan.outputHeight(), Files.size(out));
            return 0;
        }
    }

    private TimelapsePlan plan(HistoryReads.Range range, SqliteChunkSource.CanvasSize size) {
        if ((from == null || to == null) && range.placements() == 0) {
            throw new IllegalArgumentException("the history in " + dataDir + " is empty: give --from and --to");
        }
        return TimelapsePlan.of(range, from, to, frames, fps, region, scale, size.width(), size.height());
    }

    private void write(Timelapse timelapse, TimelapsePlan plan) throws IOException {
        TerminalProgress progress = new TerminalProgress(System.err, System.console() != null, "frames",
            System::nanoTime);
        TimelapseFile.write(timelapse, plan, out, progress::update);
    }
}
