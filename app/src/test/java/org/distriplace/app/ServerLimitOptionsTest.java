package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The HTTP/WebSocket server's limits on the command line: connections per address, idle timeout, backlog. */
class ServerLimitOptionsTest {

    private static ServerOptions parsed(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.serverLimits();
    }

    @Test
    void theDefaultsSuitALanPartyAndTheInternetAlike() {
        ServerOptions limits = parsed();
        assertEquals(256, limits.maxConnectionsPerAddress());
        assertEquals(60, limits.idleSeconds());
        assertEquals(1 << 20, limits.clientBacklogBytes());
        assertEquals(10, limits.requestSeconds());
        assertEquals(30, limits.sessionsPerHour());
        assertEquals(20, limits.placementsPerSecond());
        assertEquals(30, limits.loginsPerMinute());
        assertEquals(java.util.Set.of(), limits.moderators(), "nobody moderates unless named");
    }

    @Test
    void anOperatorSetsEach() {
        ServerOptions limits = parsed("--max-connections-per-address", "32", "--idle-timeout", "300",
            "--client-backlog", "256", "--request-timeout", "5", "--guest-sessions-per-hour", "100",
            "--placements-per-second", "1000", "--logins-per-minute", "5", "--moderators", "alice,bob_2");
        assertEquals(32, limits.maxConnectionsPerAddress());
        assertEquals(300, limits.idleSeconds());
        assertEquals(256 * 1024, limits.clientBacklogBytes());
        assertEquals(5, limits.requestSeconds());
        assertEquals(100, limits.sessionsPerHour());
        assertEquals(1000, limits.placementsPerSecond());
        assertEquals(5, limits.loginsPerMinute());
        assertEquals(java.util.Set.of("alice", "bob_2"), limits.moderators());
    }

    @Test
    void aLimitOutOfRangeIsAUsageErrorNamingItsOption() {
        CommandRun backlog = new CommandRun();
        assertEquals(2, backlog.run("node", "--client-backlog", "8", "--data-dir", "/nonexistent/never"));
        assertTrue(backlog.err().contains("--client-backlog: a client's backlog must be at least 16 KiB"),
            backlog.err());
        CommandRun idle = new CommandRun();
        assertEquals(2, idle.run("node", "--idle-timeout", "0", "--data-dir", "/nonexistent/never"));
        assertTrue(idle.err().contains("--idle-timeout: the idle timeout must be at least 1 s"), idle.err());
        CommandRun rate = new CommandRun();
        assertEquals(2, rate.run("node", "--placements-per-second", "0", "--data-dir", "/nonexistent/never"));
        assertTrue(rate.err().contains("--placements-per-second: placements per address per second must be at "
            + "least 1"), rate.err());
        CommandRun moderator = new CommandRun();
        assertEquals(2, moderator.run("node", "--moderators", "Alice", "--data-dir", "/nonexistent/never"));
        assertTrue(moderator.err().contains("--moderators: a moderator is an account name"), moderator.err());
    }
}
