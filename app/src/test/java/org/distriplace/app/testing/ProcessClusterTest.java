package org.distriplace.app.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of nodes as separate processes: their directory, the nodes a test starts (in {@link #nodes}), and after
 * each test every node still running killed, and the logs kept when the test failed.
 */
public abstract class ProcessClusterTest {

    @TempDir
    protected Path dir;

    protected final List<NodeProcess> nodes = new ArrayList<>();

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
