package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    private final CommandRun cli = new CommandRun();

    @Test
    void runsSeedsAndEndsWithTheSummaryLine() {
        assertEquals(0, cli.run("simulate", "--nodes", "3", "--seeds", "6", "--base-seed", "40", "--duration", "10"));
        String[] lines = cli.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("6 runs, 0 violations, \\d+ virtual s in [0-9.]+ wall s .*"),
            cli.out());
    }

    @Test
    void replaysOneSeedWithItsTrace() {
        assertEquals(0, cli.run("simulate", "--seed", "7", "--nodes", "3", "--duration", "5", "--trace"));
        String text = cli.out();
        assertTrue(text.contains("election WON"), "the trace shows the election");
        assertTrue(text.contains("sim HEAL"), "and the simulator's own actions");
        assertTrue(text.strip().endsWith("acknowledged writes)"), "summary last");
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, cli.run("--help"));
        assertTrue(cli.out().contains("simulate"), cli.out());
    }

    @Test
    void badFaultNamesAreAUsageError() {
        assertEquals(2, cli.run("simulate", "--faults", "meteor"));
        assertTrue(cli.err().contains("unknown fault 'meteor'"), cli.err());
    }

    @Test
    void churnRunsAndCountsItsConfigurationChanges() {
        assertEquals(0, cli.run("simulate", "--nodes", "5", "--seeds", "3", "--base-seed", "5", "--duration", "10",
            "--joiners", "1", "--leavers", "1", "--removals", "1"));
        assertTrue(cli.out().strip().matches("(?s).*3 runs, 0 violations, .*, \\d+ configuration changes\\)"),
            cli.out());
    }

    @Test
    void impossibleChurnIsAUsageError() {
        assertEquals(2, cli.run("simulate", "--nodes", "3", "--leavers", "2"));
        assertTrue(cli.err().contains("at most (nodes - 1) / 2"), cli.err());
        assertEquals(2, cli.run("simulate", "--nodes", "5", "--leavers", "1", "--auto-remove-after-ms", "3000"));
        assertTrue(cli.err().contains("simulated apart"), cli.err());
    }

    @Test
    void aShardedClusterRunsAndItsReplayNamesTheShards() {
        assertEquals(0, cli.run("simulate", "--nodes", "6", "--seeds", "3", "--base-seed", "9", "--duration", "10",
            "--shards", "3x2", "--replicas", "3"));
        assertTrue(cli.out().strip().matches("(?s).*3 runs, 0 violations.*"), cli.out());
        assertEquals(2, cli.run("simulate", "--shards", "3by2"));
        assertTrue(cli.err().contains("COLSxROWS"), cli.err());
        assertEquals(0, cli.run("simulate", "--nodes", "4", "--seeds", "1", "--base-seed", "3", "--duration", "10",
            "--shards", "2x2", "--joiners", "1"));
        assertTrue(cli.out().contains("shard configuration changes"), "shards move to the joiner: " + cli.out());
        assertEquals(2, cli.run("simulate", "--shards", "2x2", "--leavers", "1"));
        assertTrue(cli.err().contains("sharded cluster"), cli.err());
        assertEquals(2, cli.run("simulate", "--nodes", "65"));
        assertTrue(cli.err().contains("1,000 with --shards"), cli.err());
        assertEquals(2, cli.run("simulate", "--nodes", "1001", "--shards", "10x10"));
        assertTrue(cli.err().contains("1 to 1000 nodes"), cli.err());
    }
}
