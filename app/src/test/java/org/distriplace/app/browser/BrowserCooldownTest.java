package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.app.testing.NodeProcess;
import org.junit.jupiter.api.Test;

/**
 * The page's cooldown follows the node's answers (issue 25). A pixel placed while the leader has just died commits
 * only once another is elected, seconds later, and the node counts the cooldown from then: a page that counted from
 * the click said "ready to place" too early and its next pixel was refused. Meanwhile the pending pixel says what
 * it waits for.
 */
class BrowserCooldownTest extends ChromiumAgainstCluster {

    private static final int COOLDOWN_SECONDS = 3;

    @Test
    void afterASlowCommitThePageIsReadyOnlyWhenTheNodeIs() throws Exception {
        startCluster(COOLDOWN_SECONDS, "browser-cooldown");
        NodeProcess one = nodes.get(0);
        try (Browser erin = new Browser(dir.resolve("erin"))) {
            erin.open(one.url("/"));
            erin.await("ready to place", () -> erin.text("cooldown").equals("ready to place"));

            nodes.get(2).kill9(); // the leader: the next commit waits for node 2 to be elected
            erin.paint(5, 5, "#2450A4");
            assertEquals("placing…", erin.text("cooldown"), "not ready while the pixel waits for its answer");
            erin.await("the pixel committed after the election", () -> "#2450A4".equals(erin.colorAt(5, 5)));
            List<String> said = messages(erin);
            assertTrue(said.stream().anyMatch(text -> text.contains("waiting for the cluster to commit")), "" + said);
            assertTrue(said.stream().anyMatch(text -> text.contains("leader")), "said what it waited for: " + said);

            erin.await("the page to say it is ready again", () -> erin.text("cooldown").equals("ready to place"));
            erin.paint(6, 5, "#FF4500");
            erin.await("the second pixel committed, or refused", () -> "#FF4500".equals(erin.colorAt(6, 5))
                || erin.text("message").startsWith("Too soon") || erin.text("message").startsWith("Not placed"));
            assertEquals("#FF4500", erin.colorAt(6, 5), "the node agreed the page was ready: "
                + erin.text("message"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(Browser browser) {
        return (List<String>) browser.js("return window.distriPlace.messages");
    }
}
