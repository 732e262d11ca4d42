package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distriplace.app.edge.EdgeStack;
import org.distriplace.app.testing.AppProcess;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.edge.stack.NginxFront;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client in Debian's Chromium against edges instead of nodes: the same page paints through an edge and
 * sees what another edge's players paint; behind nginx it goes on painting when the edge it used is killed, as it
 * reconnects (through nginx) to another.
 */
class BrowserEdgeTest {

    private static final String CANVAS = "100x100";
    private static final String NAMESPACE = "browser-" + ProcessHandle.current().pid();

    private static EdgeStack stack;
    private static AppProcess first;
    private static AppProcess second;
    private static NginxFront nginx;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.installed(), "Chromium is not installed (apt-get install chromium chromium-driver)");
        assumeTrue(NginxFront.installed(), "nginx is not installed (apt-get install nginx)");
        stack = new EdgeStack("browser");
        first = stack.edge(NAMESPACE, TestCluster.freePort(), CANVAS).set("--trusted-proxies", "127.0.0.1").start();
        second = stack.edge(NAMESPACE, TestCluster.freePort(), CANVAS).set("--trusted-proxies", "127.0.0.1").start();
        Await.until("both edges ready", Duration.ofSeconds(60), () -> EdgeStack.ready(first)
            && EdgeStack.ready(second));
        nginx = NginxFront.inFrontOf(List.of(first.httpPort, second.httpPort),
            Path.of("target", "nginx-browser-" + ProcessHandle.current().pid()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (AppProcess edge : new AppProcess[] {first, second}) {
            if (edge != null && edge.isAlive()) {
                edge.kill9();
            }
        }
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void thePagePaintsThroughEdgesAndOutlivesTheEdgeItUsed() throws Exception {
        try (Browser alice = new Browser(dir.resolve("alice")); Browser bob = new Browser(dir.resolve("bob"))) {
            alice.open(nginx.url("/"));
            bob.open(second.url("/"));
            assertEquals("#FFFFFF", bob.colorAt(10, 20));
            alice.paint(10, 20, "#2450A4");
            bob.await("alice's pixel on the other edge's page", () -> "#2450A4".equals(bob.colorAt(10, 20)));

            // Whichever edge alice's page used, one of these kills takes it away: the page reconnects to the other.
            for (AppProcess edge : List.of(first, second)) {
                edge.kill9();
                int x = edge == first ? 30 : 40;
                // A pixel placed through the edge left standing shows on alice's page once it hears that edge.
                AppProcess survivor = edge == first ? second : first;
                assertEquals(200, survivor.place(x, 50, "#000000").statusCode());
                alice.await("alice's page to hear the edge left standing", () -> Boolean.TRUE.equals(
                    alice.js("return window.distriPlace.online")) && "#000000".equals(alice.colorAt(x, 50)));
                alice.paint(x, 30, "#FF4500");
                alice.await("alice's pixel committed", () -> ((Number) alice.js(
                    "return window.distriPlace.pending")).intValue() == 0 && "#FF4500".equals(alice.colorAt(x, 30)));
                edge.start();
                Await.until(edge + " back", Duration.ofSeconds(60), () -> EdgeStack.ready(edge));
            }
            bob.open(second.url("/"));
            bob.await("everything alice painted, on a fresh page", () -> "#FF4500".equals(bob.colorAt(40, 30))
                && "#FF4500".equals(bob.colorAt(30, 30)) && "#2450A4".equals(bob.colorAt(10, 20)));
            alice.screenshot(Path.of("target", "browser-edge-alice.png"));
        }
    }
}
