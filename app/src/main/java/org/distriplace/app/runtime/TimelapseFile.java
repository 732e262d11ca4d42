package org.distriplace.app.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.history.TimelapsePlan;

/** Writes a timelapse GIF to a file: beside it first, moved in place only when whole (never a broken file). */
public final class TimelapseFile {

    private TimelapseFile() {
    }

    /**
     * Renders {@code plan} into {@code out}; if rendering fails or {@code progress} stops it (cancelled), nothing is
     * left behind and {@code out}, if it existed, is untouched.
     */
    public static void write(Timelapse timelapse, TimelapsePlan plan, Path out, Timelapse.Progress progress)
        throws IOException {
        Path absolute = out.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            timelapse.gif(plan, file, progress);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
