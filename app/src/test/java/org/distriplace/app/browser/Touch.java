package org.distriplace.app.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finger on an emulated touch screen: real touch input through the DevTools protocol's
 * {@code Input.dispatchTouchEvent}, so the page gets the same touch pointer events a phone's screen sends (no
 * script pretends to be a finger). Each call returns once Chromium has dispatched the event to the page.
 * Points are CSS pixels of the viewport.
 */
final class Touch {

    /** Moves a finger in this many steps, as a real swipe or pinch arrives in several events. */
    private static final int STEPS = 8;

    private final Browser browser;

    Touch(Browser browser) {
        this.browser = browser;
    }

    /** Taps the centre of the element that {@code css} selects. */
    void tap(String css) {
        double[] centre = browser.centreOf(css);
        tap(centre[0], centre[1]);
    }

    void tap(double x, double y) {
        send("touchStart", List.of(point(x, y, 0)));
        send("touchEnd", List.of());
    }

    /** One finger from (x, y) by (dx, dy). */
    void drag(double x, double y, double dx, double dy) {
        send("touchStart", List.of(point(x, y, 0)));
        for (int step = 1; step <= STEPS; step++) {
            double f = (double) step / STEPS;
            send("touchMove", List.of(point(x + dx * f, y + dy * f, 0)));
        }
        send("touchEnd", List.of());
    }

    /** Two fingers on a horizontal line through (x, y), {@code from} apart, spread (or closed) to {@code to}. */
    void pinch(double x, double y, double from, double to) {
        send("touchStart", fingers(x, y, from));
        for (int step = 1; step <= STEPS; step++) {
            send("touchMove", fingers(x, y, from + (to - from) * step / STEPS));
        }
        send("touchEnd", List.of());
    }

    private static List<Map<String, Object>> fingers(double x, double y, double apart) {
        return List.of(point(x - apart / 2, y, 0), point(x + apart / 2, y, 1));
    }

    private static Map<String, Object> point(double x, double y, int id) {
        return Map.of("x", x, "y", y, "id", id, "radiusX", 4, "radiusY", 4, "force", 1);
    }

    private void send(String type, List<Map<String, Object>> points) {
        browser.cdp("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", new ArrayList<>(points)));
    }
}
