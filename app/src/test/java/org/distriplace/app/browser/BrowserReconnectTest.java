package org.distriplace.app.browser;

import java.time.Duration;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * A page whose node went away finds it again within seconds of its return (issue 25: a backoff grown to 17 s kept
 * a player offline 7 s after the node was back), and at once when the browser says the network is back.
 */
class BrowserReconnectTest extends ChromiumAgainstCluster {

    /** The longest wait between attempts (3 s and up to 1 s of jitter), and a second to connect. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Test
    void thePageReconnectsPromptlyHoweverLongItsNodeWasAway() throws Exception {
        NodeProcess node = startNode(0, "browser-reconnect");
        try (Browser frank = new Browser(dir.resolve("frank"), Screen.PHONE)) {
            frank.open(node.url("/"));
            frank.await("online", () -> online(frank));

            // Away long enough for a doubling backoff to wait 16 s and more.
            node.kill9();
            frank.await("six failed attempts", () -> failures(frank) >= 6);
            node.start();
            awaitServing(node);
            Await.until("the page back within seconds", PROMPTLY, () -> online(frank));

            // The browser says the network is back: the page tries at once, not at its next attempt (while the node
            // is still away, so the attempt shows as one more failure, seconds before the scheduled one was due).
            node.kill9();
            frank.await("two failed attempts", () -> failures(frank) >= 2);
            frank.await("a wait of over 2.5 s before the next attempt", () -> nextRetryInMs(frank) > 2_500);
            long before = failures(frank);
            frank.js("window.dispatchEvent(new Event('online'))");
            Await.until("an attempt at once", Duration.ofMillis(1_000), () -> failures(frank) > before);
        }
    }

    private static void awaitServing(NodeProcess node) throws InterruptedException {
        Await.until("the node serving again", Duration.ofSeconds(30), () -> node.cluster() != null);
    }

    private static boolean online(Browser browser) {
        return Boolean.TRUE.equals(browser.js("return window.distriPlace.online"));
    }

    private static long nextRetryInMs(Browser browser) {
        return ((Number) browser.js("return window.distriPlace.nextRetryInMs")).longValue();
    }

    private static long failures(Browser browser) {
        return ((Number) browser.js("return window.distriPlace.reconnectFailures")).longValue();
    }
}
