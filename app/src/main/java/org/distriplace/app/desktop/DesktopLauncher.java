package org.distriplace.app.desktop;

import javafx.application.Application;
import org.distriplace.app.runtime.EmbeddedNode;

/**
 * Starts the desktop window. Kept apart from {@link DesktopApp}: JavaFX refuses to start from a plain class path
 * when the main class itself extends {@code Application}.
 */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Shows {@code node} in a window until the window closes (then the node is closed); blocks until then. */
    public static void run(EmbeddedNode node, String user) {
        DesktopApp.prepare(new DesktopApp.Session(node, user));
        Application.launch(DesktopApp.class);
    }

    /** True when a window can be opened here (Linux without X11 or Wayland cannot). */
    public static boolean displayAvailable() {
        if (Boolean.getBoolean("testfx.headless") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (!os.contains("linux")) {
            return true;
        }
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
