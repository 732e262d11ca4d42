package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser tests' common ground: Debian's Chromium (skipped, saying why, without it) against a three-node cluster of
 * processes, stopped after each test. {@code .ci/run} installs {@code chromium chromium-driver}.
 */
abstract class ChromiumAgainstCluster {

    @TempDir
    Path dir;

    List<NodeProcess> nodes = List.of();

    @BeforeEach
    void requireChromium() {
        assumeTrue(Browser.installed(), "Chromium is not installed (apt-get install chromium chromium-driver)");
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node.isAlive()) {
                node.kill9();
            }
        }
    }

    /** Starts one node, a cluster of its own (enough for what the page looks like), and waits for it to lead. */
    NodeProcess startNode(int cooldownSeconds, String secret) throws Exception {
        nodes = TestCluster.of(1, dir, cooldownSeconds, secret);
        NodeProcess node = nodes.get(0).unset("--peers").start();
        Await.until("node 1 to lead", Duration.ofSeconds(30), () -> {
            var view = node.cluster();
            return view != null && view.path("role").asText().equals("LEADER") && view.path("ready").asBoolean();
        });
        return node;
    }

    /** Starts three nodes and waits for node 3 to lead. */
    void startCluster(int cooldownSeconds, String secret) throws Exception {
        nodes = TestCluster.of(dir, cooldownSeconds, secret);
        for (NodeProcess node : nodes) {
            node.start();
        }
        Await.until("node 3 to lead", Duration.ofSeconds(30),
            () -> TestCluster.leads(nodes.get(2), nodes.subList(0, 2)));
    }
}
