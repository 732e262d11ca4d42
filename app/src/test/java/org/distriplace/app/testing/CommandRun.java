package org.distriplace.app.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.distriplace.app.Main;
import picocli.CommandLine;

/** Runs the {@code distri-place} command line in this process, keeping what it printed. */
public final class CommandRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs one command; returns its exit code. */
    public int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return Main.run(cli, args);
    }

    /** Everything printed to standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Everything printed to standard error so far. */
    public String err() {
        return err.toString();
    }
}
