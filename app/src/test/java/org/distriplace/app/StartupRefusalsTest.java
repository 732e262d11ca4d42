package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node says when it cannot start (issue 25): one line naming the cause, never a stack trace, and never a
 * start on the placeholder secret everyone knows.
 */
class StartupRefusalsTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryAnotherNodeHoldsIsOneLineAndExitStatusOne() throws IOException {
        Path data = Files.createDirectories(dir.resolve("node-1"));
        try (FileChannel channel = FileChannel.open(data.resolve("node.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            CommandRun run = new CommandRun();
            int status = run.run("node", "--data-dir", data.toString(), "--http-port", "0", "--peer-port", "0",
                "--bind", "127.0.0.1", "--cluster-secret", "a-real-one");
            assertEquals(1, status, run.err());
            assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
            assertTrue(run.err().contains("distri-place node: ") && run.err().contains("in use by another running "
                + "node"), run.err());
            assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        }
    }

    @Test
    void theShippedPlaceholderSecretIsRefusedBeforeAnythingStarts() {
        for (String placeholder : new String[] {"change-me", " change-me "}) {
            CommandRun run = new CommandRun();
            int status = run.run("node", "--data-dir", dir.resolve("never").toString(), "--http-port", "0",
                "--peer-port", "0", "--bind", "127.0.0.1", "--cluster-secret", placeholder);
            assertEquals(2, status, run.err());
            assertTrue(run.err().contains("placeholder everyone knows"), run.err());
            assertFalse(Files.exists(dir.resolve("never")), "nothing was made");
        }
    }

    @Test
    void aHeadlessNodeOnAReachableAddressRefusesTheDevelopmentSecret() {
        CommandRun run = new CommandRun();
        int status = run.run("node", "--data-dir", dir.resolve("never").toString(), "--http-port", "0",
            "--peer-port", "0", "--bind", "0.0.0.0", "--cluster-secret", SecretOptions.DEFAULT_SECRET);
        assertEquals(2, status, run.err());
        assertTrue(run.err().contains("needs a secret of its own"), run.err());
        assertFalse(Files.exists(dir.resolve("never")), "nothing was made");
    }

    @Test
    void aNodesDataDirectoryIsItsOwnersOnlyEvenWhereAnOlderVersionLeftItOpen() throws IOException {
        Path data = Files.createDirectories(dir.resolve("home").resolve("node-2"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        org.distriplace.app.runtime.OwnerOnly.directory(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path fresh = org.distriplace.app.runtime.OwnerOnly.directory(dir.resolve("fresh").resolve("node-3"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void onlyTheCommandsWithAWindowNeedADisplay() {
        assertTrue(Main.opensAWindow() && Main.opensAWindow("app", "--user", "bob") && Main.opensAWindow("demo")
            && Main.opensAWindow("inspect", "--trace", "x.dptrace"));
        assertFalse(Main.opensAWindow("node", "--config", "node.conf") || Main.opensAWindow("timelapse")
            || Main.opensAWindow("--help", "simulate"), "these run headless: no display libraries needed");
    }
}
