package org.distriplace.app.desktop;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.app.runtime.EmbeddedNode;

/**
 * Starts the desktop window. Kept apart from {@link DesktopApp}: JavaFX refuses to start from a plain class path
 * when the main class itself extends {@code Application}.
 */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** The window's title for one node: the product, the node, and where browsers join it. */
    public static String title(EmbeddedNode node) {
        return "distri-place — node " + node.node().id() + " · " + node.browserUrl();
    }

    /** Shows {@code node} in a window until the window closes, then closes the node; blocks until then. */
    public static void run(EmbeddedNode node, String user, SingleNodeWindow.PreferencesAccess preferences,
                           SingleNodeWindow.NearbyAccess discovery) {
        AtomicReference<NodePane> pane = new AtomicReference<>();
        DesktopApp.prepare(new DesktopApp.Session(title(node), () -> {
            pane.set(new NodePane(node.node(), node.browserUrl(), user));
            return new SingleNodeWindow(pane.get(), preferences, discovery);
        }, () -> {
            if (pane.get() != null) {
                pane.get().close();
            }
            node.close();
        }));
        Application.launch(DesktopApp.class);
    }

    /** Shows demo mode's window over {@code cluster} until it closes, then stops the cluster. */
    public static void runDemo(DemoCluster cluster, String user) {
        AtomicReference<DemoWindow> window = new AtomicReference<>();
        DesktopApp.prepare(new DesktopApp.Session("distri-place — demo, " + cluster.ids().size() + " nodes", () -> {
            window.set(new DemoWindow(cluster, user));
            return window.get();
        }, () -> {
            if (window.get() != null) {
                window.get().close();
            }
            cluster.close();
        }));
        Application.launch(DesktopApp.class);
    }

    /** True when a window can be opened here (Linux without X11 or Wayland cannot). */
    public static boolean displayAvailable() {
        if (Boolean.getBoolean("testfx.headless") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return true;
        }
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
