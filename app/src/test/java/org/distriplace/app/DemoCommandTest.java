package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** What {@code demo} refuses before it opens a window: the node count, with and without shards. */
class DemoCommandTest {

    private final CommandRun cli = new CommandRun();

    @Test
    void aShardedClassMayHaveUpTo27NodesAndAnUnshardedOne15() {
        assertEquals(2, cli.run("demo", "--nodes", "16"));
        assertTrue(cli.err().contains("--nodes is 1 to 15 (27 with --shards), not 16"), cli.err());
        assertEquals(2, cli.run("demo", "--nodes", "28", "--shards", "3x3"));
        assertTrue(cli.err().contains("--nodes is 1 to 27, not 28"), cli.err());
    }

    @Test
    void theShardOptionsAreListedWithTheNodes() {
        assertEquals(0, cli.run("demo", "--help"));
        assertTrue(cli.out().contains("--shards") && cli.out().contains("--replicas"), cli.out());
    }
}
