package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.distriplace.app.testing.NodeProcess;
import org.junit.jupiter.api.Test;

/** The browser's account form in Chromium against three node processes: one account, two devices, two nodes. */
class BrowserAccountTest extends ChromiumAgainstCluster {

    private static String player(Browser browser) {
        Object name = browser.js("const me = window.distriPlace.player; return me && !me.isGuest ? me.username : null");
        return name == null ? null : name.toString();
    }

    private static void logIn(Browser browser, String button, String name, String password) {
        if (!browser.shown("account-dialog")) {
            browser.click("account-button");
        }
        browser.type("account-username", name);
        browser.type("account-password", password);
        browser.click(button);
    }

    @Test
    void aPlayerMakesAnAccountPaintsAndTheCooldownFollowsThemToAnotherNode() throws Exception {
        startCluster(300, "browser-accounts");
        try (Browser laptop = new Browser(dir.resolve("laptop")); Browser phone = new Browser(dir.resolve("phone"))) {
            laptop.open(nodes.get(0).url("/").toString());
            assertEquals("guest", laptop.text("player"));
            logIn(laptop, "account-register", "Alice", "correct horse");
            laptop.await("the form to say what a name is", () -> laptop.text("account-status").contains("a-z"));
            logIn(laptop, "account-register", "alice", "correct horse");
            laptop.await("alice to be logged in", () -> "alice".equals(player(laptop)));
            assertEquals("alice", laptop.text("player"));
            assertEquals("Log out", laptop.text("account-button"));
            laptop.await("the page to be back online", () -> (Boolean) laptop.js("return window.distriPlace.online"));
            laptop.paint(4, 5, "#2450A4");
            laptop.await("the pixel committed", () -> {
                JsonNode history = nodes.get(0).cluster() == null ? null : placements(nodes.get(0), 4, 5);
                return history != null && history.size() == 1;
            });
            assertEquals("alice", placements(nodes.get(0), 4, 5).get(0).path("userId").asText());

            phone.open(nodes.get(1).url("/").toString());
            logIn(phone, "account-login", "alice", "correct horse");
            phone.await("alice logged in on node 2", () -> "alice".equals(player(phone)));
            phone.await("the page to be back online", () -> (Boolean) phone.js("return window.distriPlace.online"));
            phone.await("the cooldown shown", () -> !phone.text("cooldown").isEmpty());
            assertTrue(phone.text("cooldown").matches(".*\\d.*"), "alice's cooldown, on her phone: "
                + phone.text("cooldown"));

            phone.click("account-button");
            phone.await("logged out", () -> player(phone) == null);
            assertEquals("guest", phone.text("player"));
            assertEquals(List.of(), laptop.consoleErrors().stream()
                .filter(error -> !error.contains("WebSocket") && !error.contains("401")
                    && !error.contains("400")).toList());
        }
    }

    private static JsonNode placements(NodeProcess node, int x, int y) {
        try {
            return NodeProcess.JSON.readTree(node.get("/api/v1/history/pixel?x=" + x + "&y=" + y).body())
                .path("placements");
        } catch (Exception e) {
            return null;
        }
    }
}
