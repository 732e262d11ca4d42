package org.distriplace.app.browser;

/**
 * A screen a browser test emulates: CSS size, device pixel ratio, and whether it is a touch screen (a phone's or
 * tablet's, through Chromium's mobile emulation: the page sees its width, {@code (hover: none)} and touch input).
 */
record Screen(String name, int width, int height, double pixelRatio, boolean touch) {

    /** A phone such as an iPhone 12 to 15. */
    static final Screen PHONE = new Screen("phone", 390, 844, 3, true);
    /** A tablet such as an iPad, upright. */
    static final Screen TABLET = new Screen("tablet", 768, 1024, 2, true);
    /** A laptop's window. */
    static final Screen DESKTOP = new Screen("desktop", 1280, 800, 1, false);
}
