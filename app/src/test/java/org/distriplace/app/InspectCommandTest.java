package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private final CommandRun cli = new CommandRun();

    @Test
    void anAddressThatIsNotHostAndPortIsAUsageErrorBeforeAnyWindowOpens() {
        assertEquals(2, cli.run("inspect", "127.0.0.1:8080", "my-laptop"));
        assertTrue(cli.err().contains("'my-laptop' is not host:port"), cli.err());
    }

    /** What a file manager runs for a .dptrace file: a file that is not a trace is said so, before any window. */
    @Test
    void aTraceThatCannotBeReadIsSaidBeforeAnyWindowOpens(@TempDir Path dir) throws Exception {
        Path notATrace = Files.writeString(dir.resolve("notes.dptrace"), "shopping list\n");
        assertEquals(2, cli.run("inspect", "--trace", notATrace.toString()));
        assertTrue(cli.err().contains("is not a distri-place trace"), cli.err());
        CommandRun missing = new CommandRun();
        assertEquals(2, missing.run("inspect", "--trace", dir.resolve("gone.dptrace").toString()));
        assertTrue(missing.err().contains("cannot open the trace"), missing.err());
    }

    @Test
    void helpExplainsTheSecret() {
        assertEquals(0, cli.run("inspect", "--help"));
        assertTrue(cli.out().contains("--cluster-secret"), cli.out());
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out().contains("inspect"), cli.out());
    }
}
