package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

    private final CommandRun cli = new CommandRun();

    @Test
    void anAddressThatIsNotHostAndPortIsAUsageErrorBeforeAnyWindowOpens() {
        assertEquals(2, cli.run("inspect", "127.0.0.1:8080", "my-laptop"));
        assertTrue(cli.err().contains("'my-laptop' is not host:port"), cli.err());
    }

    @Test
    void helpExplainsTheSecret() {
        assertEquals(0, cli.run("inspect", "--help"));
        assertTrue(cli.out().contains("--cluster-secret"), cli.out());
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out().contains("inspect"), cli.out());
    }
}
