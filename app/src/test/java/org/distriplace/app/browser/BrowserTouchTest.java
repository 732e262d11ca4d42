package org.distriplace.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distriplace.app.testing.NodeProcess;
import org.junit.jupiter.api.Test;

/**
 * Painting with a finger on a phone (issue 25), with real touch input: a tap picks a colour, a tap on the canvas
 * picks a target pixel and places nothing, Place commits it on the node; a pinch zooms around its centre, a drag
 * pans, and neither places anything.
 */
class BrowserTouchTest extends ChromiumAgainstCluster {

    private static final int WIDTH = 100;

    @Test
    void aPlayerPaintsWithAFingerPinchesAndPansWithoutPlacingByMistake() throws Exception {
        NodeProcess node = startNode(0, "browser-touch");
        List<String> palette = palette(node);
        String blue = "#2450A4";
        try (Browser phone = new Browser(dir.resolve("phone"), Screen.PHONE)) {
            Touch finger = new Touch(phone);
            phone.open(node.url("/"));
            phone.await("the page online", () -> (Boolean) phone.js("return window.distriPlace.online"));

            finger.tap(".swatch[data-color='" + blue + "']");
            assertEquals(blue, phone.js("return window.distriPlace.selected"));
            double[] at = phone.pointOf(20, 30);
            finger.tap(at[0], at[1]);
            assertEquals(Map.of("x", 20L, "y", 30L), phone.js("return window.distriPlace.target"));
            assertTrue(phone.shown("place-bar"), "the Place bar");
            assertEquals(0L, sent(phone), "a tap alone places nothing");
            shot(phone, "touch-target");

            finger.tap("#place-confirm");
            phone.await("the pixel committed on the node", () -> colorOnNode(node, palette, 20, 30).equals(blue));
            assertEquals(1L, sent(phone));
            assertNull(phone.js("return window.distriPlace.target"), "placed: the target is done");
            phone.await("the pixel on the page", () -> blue.equals(phone.colorAt(20, 30)));

            aPinchZoomsAroundItsCentre(phone, finger);
            aDragPans(phone, finger);
            assertEquals(1L, sent(phone), "neither the pinch nor the drag placed anything");
            assertEquals(0L, ((Number) phone.js("return window.distriPlace.pending")).longValue());
            assertEquals("#FFFFFF", colorOnNode(node, palette, 21, 30), "nothing else painted on the node");
            shot(phone, "touch-after");
        }
    }

    private static void aPinchZoomsAroundItsCentre(Browser phone, Touch finger) throws Exception {
        Map<String, Number> before = view(phone);
        double[] centre = phone.centreOf("#canvas");
        double canvasX = (centre[0] - left(phone) - before.get("offsetX").doubleValue()) / scale(before);
        finger.pinch(centre[0], centre[1], 60, 180);
        Map<String, Number> after = view(phone);
        assertTrue(scale(after) > 2 * scale(before), "zoomed in: " + before + " to " + after);
        double canvasXAfter = (centre[0] - left(phone) - after.get("offsetX").doubleValue()) / scale(after);
        assertEquals(canvasX, canvasXAfter, 0.5, "the canvas under the pinch's centre stayed there");
        assertNull(phone.js("return window.distriPlace.target"), "a pinch picks no pixel");
        shot(phone, "touch-pinched");
    }

    private static void aDragPans(Browser phone, Touch finger) {
        Map<String, Number> before = view(phone);
        double[] centre = phone.centreOf("#canvas");
        finger.drag(centre[0], centre[1], -150, 40);
        Map<String, Number> after = view(phone);
        double moved = after.get("offsetX").doubleValue() - before.get("offsetX").doubleValue();
        assertTrue(moved < -120 && moved >= -150, "panned left with the finger: " + moved);
        assertEquals(scale(before), scale(after), 1e-9, "a drag does not zoom");
        assertNull(phone.js("return window.distriPlace.target"), "a drag picks no pixel");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> view(Browser browser) {
        return (Map<String, Number>) browser.js("return window.distriPlace.view");
    }

    private static double scale(Map<String, Number> view) {
        return view.get("scale").doubleValue();
    }

    private static double left(Browser browser) {
        return PageLayout.box(browser, "#canvas").get("left").doubleValue();
    }

    private static long sent(Browser browser) {
        return ((Number) browser.js("return window.distriPlace.sent")).longValue();
    }

    private static List<String> palette(NodeProcess node) throws Exception {
        List<String> colors = new java.util.ArrayList<>();
        NodeProcess.JSON.readTree(node.get("/api/v1/canvas/info").body()).path("palette")
            .forEach(color -> colors.add(color.asText().toUpperCase()));
        return colors;
    }

    /** The colour the node holds at (x, y), read from its canvas bytes (one palette index per pixel). */
    private static String colorOnNode(NodeProcess node, List<String> palette, int x, int y) {
        try {
            byte[] canvas = node.getBytes("/api/v1/canvas").body();
            return palette.get(canvas[y * WIDTH + x] & 0xFF);
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private static void shot(Browser browser, String name) throws Exception {
        browser.screenshot(Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png"));
    }
}
