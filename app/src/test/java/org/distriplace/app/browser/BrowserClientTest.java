package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/** The browser client in Debian's Chromium against a three-node cluster of processes. */
class BrowserClientTest extends ChromiumAgainstCluster {

    private void startCluster(int cooldownSeconds) throws Exception {
        startCluster(cooldownSeconds, "browser-test");
    }

    private static String page(NodeProcess node) {
        return node.url("/").toString();
    }

    @Test
    void aPixelPlacedOnOneNodesPageAppearsOnAnothersAndThePageSurvivesItsNodeRestarting() throws Exception {
        startCluster(0);
        NodeProcess one = nodes.get(0);
        try (Browser alice = new Browser(dir.resolve("alice")); Browser bob = new Browser(dir.resolve("bob"))) {
            alice.open(page(one));
            bob.open(page(nodes.get(1)));
            assertEquals("#FFFFFF", bob.colorAt(10, 20));

            alice.paint(10, 20, "#2450A4");
            bob.await("the pixel to appear on node 2's page", () -> "#2450A4".equals(bob.colorAt(10, 20)));
            alice.await("the pending pixel to settle", () -> ((Number) alice.js("return window.distriPlace.pending"))
                .intValue() == 0);
            assertEquals("#2450A4", alice.colorAt(10, 20));

            one.kill9();
            alice.await("the offline banner", alice::offlineBannerShown);
            assertTrue(alice.text("status").contains("offline"), alice.text("status"));
            bob.js("return null");
            nodes.get(1).place(30, 30, "#FF4500");
            one.start();
            alice.await("the page to reconnect", () -> !alice.offlineBannerShown());
            alice.await("a fresh canvas with what happened meanwhile", () -> "#FF4500".equals(alice.colorAt(30, 30)));
            assertEquals("#2450A4", alice.colorAt(10, 20));
            alice.screenshot(Path.of("target", "browser-alice.png"));
            assertEquals(List.of(), alice.consoleErrors().stream()
                .filter(error -> !error.contains("WebSocket") && !error.contains("ERR_CONNECTION_REFUSED")).toList());
        }
    }

    /** A node that knows it has no majority refuses at once (issue 13); the page rolls the pixel back and says why. */
    @Test
    void aPlacementWithoutAMajorityIsRolledBackWithAMessage() throws Exception {
        startCluster(0);
        try (Browser carol = new Browser(dir.resolve("carol"))) {
            carol.open(page(nodes.get(0)));
            nodes.get(1).kill9();
            nodes.get(2).kill9();
            Await.until("node 1 to see it is alone", Duration.ofSeconds(30), () -> {
                var view = nodes.get(0).cluster();
                return view != null && view.path("peers").findValuesAsText("status").stream().allMatch("DEAD"::equals);
            });
            carol.paint(6, 5, "#FF4500");
            carol.await("the refusal", () -> carol.text("message").startsWith("Not placed"));
            assertEquals(0L, ((Number) carol.js("return window.distriPlace.pending")).longValue(), "rolled back");
            assertEquals("#FFFFFF", carol.colorAt(6, 5));
            assertTrue(carol.text("message").contains("majority"), carol.text("message"));
        }
    }
}
