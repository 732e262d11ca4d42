package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.distriplace.core.wire.Wire;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --wire}: binary by default, the seed's JSON on request, in any case. */
class WireOptionTest {

    private static Wire parsed(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.wire;
    }

    @Test
    void binaryByDefaultJsonOnRequest() {
        assertEquals(Wire.BINARY, parsed());
        assertEquals(Wire.JSON, parsed("--wire", "json"));
        assertEquals(Wire.JSON, parsed("--wire", "JSON"));
        assertEquals(Wire.BINARY, parsed("--wire", "binary"));
    }

    @Test
    void anUnknownWireIsAUsageErrorNamingTheChoices() {
        CommandRun cli = new CommandRun();
        assertEquals(2, cli.run("node", "--wire", "xml", "--data-dir", "/nonexistent/never"));
        assertTrue(cli.err().contains("expected binary or json, not 'xml'"), cli.err());
    }
}
