package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void runsSeedsAndEndsWithTheSummaryLine() {
        assertEquals(0, run("simulate", "--nodes", "3", "--seeds", "6", "--base-seed", "40", "--duration", "10"));
        String[] lines = out.toString().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("6 runs, 0 violations, \\d+ virtual s in [0-9.]+ wall s .*"),
            out.toString());
    }

    @Test
    void replaysOneSeedWithItsTrace() {
        assertEquals(0, run("simulate", "--seed", "7", "--nodes", "3", "--duration", "5", "--trace"));
        String text = out.toString();
        assertTrue(text.contains("election WON"), "the trace shows the election");
        assertTrue(text.contains("sim HEAL"), "and the simulator's own actions");
        assertTrue(text.strip().endsWith("acknowledged writes)"), "summary last");
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("simulate"), out.toString());
    }

    @Test
    void badFaultNamesAreAUsageError() {
        assertEquals(2, run("simulate", "--faults", "meteor"));
        assertTrue(err.toString().contains("unknown fault 'meteor'"), err.toString());
    }
}
