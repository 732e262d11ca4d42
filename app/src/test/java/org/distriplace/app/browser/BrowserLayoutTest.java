package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distriplace.app.testing.NodeProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The page on a phone, a tablet and a laptop (issue 25): nothing wider than the screen or cut off, the tools folded
 * into a menu where the header is narrow and reachable from it, the history bar and both dialogs within the screen
 * (centred, and as wide whatever their status says), a long message and the offline banner moving nothing.
 * Screenshots of each state go to {@code target/layout-<screen>-<state>.png}, to look at.
 */
class BrowserLayoutTest extends ChromiumAgainstCluster {

    enum Device {
        PHONE(Screen.PHONE), TABLET(Screen.TABLET), DESKTOP(Screen.DESKTOP);

        final Screen screen;

        Device(Screen screen) {
            this.screen = screen;
        }
    }

    private Browser browser;
    private Screen screen;

    @ParameterizedTest
    @EnumSource(Device.class)
    void everythingFitsTheScreenAndStaysReachable(Device device) throws Exception {
        screen = device.screen;
        NodeProcess node = startNode(0, "browser-layout");
        for (int i = 0; i < 12; i++) {
            assertEquals(200, node.place(3 + 7 * i, 5 + 6 * i, i % 2 == 0 ? "#2450A4" : "#FF4500").statusCode());
        }
        try (Browser opened = new Browser(dir.resolve("layout"), screen)) {
            browser = opened;
            browser.open(node.url("/"));
            browser.await("the page online", () -> (Boolean) browser.js("return window.distriPlace.online"));
            assertEquals(screen.width(), PageLayout.viewport(browser).get(0).intValue(), "the emulated screen");
            fits("canvas");
            assertFalse(browser.text("status").isBlank(), "the status says something");

            boolean folded = browser.shown("menu-toggle");
            assertEquals(screen.width() <= 860, folded, "the tools fold into a menu on narrow screens only");
            assertEquals(!folded, browser.shown("inspect-tool"), "folded tools are out of sight until asked for");
            openTools();
            fits("menu");
            for (String tool : List.of("inspect-tool", "history-toggle", "timelapse-open", "account-button")) {
                assertTrue(browser.shown(tool), tool + " reachable");
            }

            browser.click("history-toggle");
            browser.await("the history bar", () -> browser.shown("history-bar")
                && browser.js("return window.distriPlace.historyShown") != null);
            fits("history");
            browser.click("history-live");
            browser.await("live again", () -> !browser.shown("history-bar"));

            timelapseDialogFitsAndKeepsItsWidth();
            accountDialogIsCentred();
            aLongMessageMovesNothing();
            theOfflineBannerMovesNothing(node);
        }
    }

    private void openTools() {
        if (browser.shown("menu-toggle")) {
            browser.click("menu-toggle");
            assertEquals("true", browser.js("return document.getElementById('menu-toggle').ariaExpanded"));
        }
    }

    private void timelapseDialogFitsAndKeepsItsWidth() throws Exception {
        openTools();
        browser.click("timelapse-open");
        browser.await("the timelapse dialog", () -> browser.shown("timelapse-dialog"));
        double width = PageLayout.box(browser, "#timelapse-dialog").get("width").doubleValue();
        browser.type("timelapse-region", "0,0,90,90");
        browser.type("timelapse-scale", "16");
        browser.type("timelapse-frames", "1000");
        browser.click("timelapse-download");
        browser.await("the node's refusal, or the GIF", () -> !browser.text("timelapse-status").isBlank()
            && !browser.text("timelapse-status").startsWith("Rendering"));
        fits("timelapse");
        assertEquals(width, PageLayout.box(browser, "#timelapse-dialog").get("width").doubleValue(), 0.5,
            "the dialog keeps its width with the status: " + browser.text("timelapse-status"));
        browser.click("timelapse-cancel");
        browser.await("the dialog closed", () -> !browser.shown("timelapse-dialog"));
    }

    private void accountDialogIsCentred() throws Exception {
        openTools();
        browser.click("account-button");
        browser.await("the account dialog", () -> browser.shown("account-dialog"));
        Map<String, Number> box = PageLayout.box(browser, "#account-dialog");
        double left = box.get("left").doubleValue();
        double right = screen.width() - box.get("right").doubleValue();
        assertEquals(left, right, 1.5, "centred: " + box);
        fits("account");
        browser.click("account-guest");
        browser.await("the dialog closed", () -> !browser.shown("account-dialog"));
    }

    /** A long error is cut short on one line: the palette and canvas stay where they were. */
    private void aLongMessageMovesNothing() throws Exception {
        Map<String, Number> palette = PageLayout.box(browser, "#palette");
        Map<String, Number> canvas = PageLayout.box(browser, "#canvas");
        browser.js("document.getElementById('message').textContent = arguments[0]",
            "Not placed: no majority: node 1 reaches 1 of the 3 members (2 needed), so nothing was sent, and more");
        assertEquals(palette, PageLayout.box(browser, "#palette"), "the palette did not move");
        assertEquals(canvas, PageLayout.box(browser, "#canvas"), "the canvas did not move");
        fits("message");
    }

    private void theOfflineBannerMovesNothing(NodeProcess node) throws Exception {
        Map<String, Number> canvas = PageLayout.box(browser, "#canvas");
        node.kill9();
        browser.await("the offline banner", browser::offlineBannerShown);
        assertEquals(canvas, PageLayout.box(browser, "#canvas"), "the banner lies over the canvas");
        fits("offline");
    }

    /** Nothing sticks out or is cut off now; the screenshot is saved for a person to look at. */
    private void fits(String state) throws Exception {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        browser.screenshot(shots.resolve("layout-" + screen.name() + "-" + state + ".png"));
        assertEquals(List.of(), PageLayout.problems(browser), screen.name() + ", " + state);
    }
}
