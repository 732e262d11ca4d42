package org.distriplace.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on the terminal: redrawn in place ({@code \r}) on a console, or a line every tenth of the way when
 * the output is a file or a pipe, so logs stay readable.
 */
final class TerminalProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean console;
    private final String unit;
    private final LongSupplier nanos;
    private final long started;
    private int lastTenth = -1;

    TerminalProgress(PrintStream out, boolean console, String unit, LongSupplier nanos) {
        this.out = out;
        this.console = console;
        this.unit = unit;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** {@code done} of {@code total} are finished. */
    void update(int done, int total) {
        if (console) {
            out.print("\r" + line(done, total));
            if (done == total) {
                out.println();
            }
            out.flush();
            return;
        }
        int tenth = total == 0 ? 10 : done * 10 / total;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            out.println(line(done, total));
        }
    }

    String line(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double seconds = (nanos.getAsLong() - started) / 1e9;
        return String.format(Locale.ROOT, "[%s%s] %d/%d %s  %.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled),
            done, total, unit, seconds);
    }
}
