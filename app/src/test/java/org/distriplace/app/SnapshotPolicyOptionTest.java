package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distriplace.app.testing.CommandRun;
import org.distriplace.core.history.SnapshotKeeper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --snapshot-policy}: the history's snapshot thinning, settable. */
class SnapshotPolicyOptionTest {

    private static SnapshotKeeper.Policy parsed(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.snapshotPolicy();
    }

    @Test
    void theDefaultIsSeedTwosThirtySecondsThinnedWithAge() {
        assertEquals(SnapshotKeeper.Policy.defaults(), parsed());
    }

    @Test
    void anOperatorSetsItInPlainDurations() {
        assertEquals(new SnapshotKeeper.Policy(10_000, 7_200_000, 60_000, 172_800_000, 3_600_000),
            parsed("--snapshot-policy", "10s,2h,1m,48h,1h"));
    }

    @Test
    void aPolicyThatCannotWorkIsAUsageErrorSayingWhy() {
        CommandRun cli = new CommandRun();
        assertEquals(2, cli.run("node", "--snapshot-policy", "30s,1h", "--data-dir", "/nonexistent/never"));
        assertTrue(cli.err().contains("--snapshot-policy: give five durations"), cli.err());
        CommandRun again = new CommandRun();
        assertEquals(2, again.run("node", "--snapshot-policy", "30s,1h,7s,24h,1h", "--data-dir",
            "/nonexistent/never"));
        assertTrue(again.err().contains("each a multiple of the one before"), again.err());
    }
}
