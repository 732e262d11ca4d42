package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cluster-secret-file}: the package's service reads its secret from a file only it may read. */
class SecretFileTest {

    @TempDir
    Path dir;

    @Test
    void theSecretComesFromTheFilesFirstLineAndABadFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster-secret"), "  0123abcd\nignored\n");
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs("--cluster-secret-file", file.toString(), "--bind", "127.0.0.1");
        command.options.checkSecret();
        assertEquals("0123abcd", command.options.secrets.secret);

        for (String[] bad : new String[][] {{dir.resolve("missing").toString(), "cannot read"},
            {Files.writeString(dir.resolve("empty"), "\n").toString(), "is empty"},
            {Files.writeString(dir.resolve("placeholder"), "change-me\n").toString(), "placeholder everyone knows"}}) {
            CommandRun run = new CommandRun();
            assertEquals(2, run.run("node", "--cluster-secret-file", bad[0], "--data-dir", dir.resolve("never")
                .toString(), "--http-port", "0", "--peer-port", "0", "--bind", "127.0.0.1"), run.err());
            assertTrue(run.err().contains(bad[1]), run.err());
        }
        assertTrue(Files.notExists(dir.resolve("never")), "nothing started");
    }
}
