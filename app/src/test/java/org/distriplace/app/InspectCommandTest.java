package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void anAddressThatIsNotHostAndPortIsAUsageErrorBeforeAnyWindowOpens() {
        assertEquals(2, run("inspect", "127.0.0.1:8080", "my-laptop"));
        assertTrue(err.toString().contains("'my-laptop' is not host:port"), err.toString());
    }

    @Test
    void helpExplainsTheSecret() {
        assertEquals(0, run("inspect", "--help"));
        assertTrue(out.toString().contains("--cluster-secret"), out.toString());
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("inspect"), out.toString());
    }
}
