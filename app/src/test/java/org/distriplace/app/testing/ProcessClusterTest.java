package org.distriplace.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of nodes as separate processes: their directory, the nodes a test starts (in {@link #nodes}), and after
 * each test every node still running killed, and the logs kept when the test failed. A failed test also prints the
 * end of every node's log, so a failure on a CI machine says what the nodes were doing.
 */
public abstract class ProcessClusterTest {

    private static final int TAIL_LINES = 40;

    @TempDir
    protected Path dir;

    protected final List<NodeProcess> nodes = new ArrayList<>();

    @RegisterExtension
    final AfterTestExecutionCallback printLogsOnFailure = this::printLogsIfFailed;

    private void printLogsIfFailed(ExtensionContext context) throws IOException {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        try (var logs = Files.walk(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("node-\\d+-\\d+\\.log")).sorted()
                .toList()) {
                List<String> lines = Files.readAllLines(log);
                System.out.println("---- the last lines of " + log.getFileName() + " (" + context.getDisplayName()
                    + ")");
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(System.out::println);
            }
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (NodeProcess node : nodes) {
            if (node.isAlive()) {
                node.kill9();
            }
        }
        TestLogs.keep(dir);
    }
}
