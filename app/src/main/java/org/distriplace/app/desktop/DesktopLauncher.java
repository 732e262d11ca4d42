package org.distriplace.app.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.NodeSession;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.RemoteNode;
import org.distriplace.inspector.feed.RemoteNodes;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.feed.TraceReplay;
import org.distriplace.inspector.view.InspectorPane;

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

    /**
     * Shows the session's node in a window until the window closes, then closes the session; blocks until then.
     * Whenever the session's node is replaced (joining another cluster, from the menu or through LAN discovery),
     * the window shows the new one.
     */
    public static void run(NodeSession session, String user, SingleNodeWindow.PreferencesAccess preferences,
                           SingleNodeWindow.NearbyAccess discovery, EventTap events) {
        EmbeddedNode node = session.current();
        launch(title(node), () -> {
            AtomicReference<SingleNodeWindow> self = new AtomicReference<>();
            SingleNodeWindow window = new SingleNodeWindow(SingleNodeWindow.paneFor(node, user,
                (epoch, batch, atMs) -> self.get().showInInspector(epoch, batch, atMs)), user, preferences, discovery,
                session::join);
            self.set(window);
            window.offerInspector(events, node.settings().secret());
            session.onReplaced(joined -> FxThread.run(() -> window.show(joined)));
            return window;
        }, window -> window.pane().close(), session::close, false);
    }

    /**
     * Shows demo mode's window over a loopback {@code cluster} whose nodes send their events to {@code events},
     * until it closes; then stops the cluster.
     */
    public static void runDemo(DemoCluster cluster, String user, EventTap events) {
        launch("distri-place — demo, " + cluster.ids().size() + " nodes", () -> new DemoWindow(cluster, user, events),
            DemoWindow::close, cluster::close);
    }

    /** Shows simulated demo mode (the inspector over a simulated cluster) until the window closes. */
    public static void runSimulatedDemo(SimulatedCluster cluster, EventInbox inbox, int nodes) {
        launch("distri-place — demo, " + nodes + " simulated nodes", () -> {
            SimulatedDemoWindow window = new SimulatedDemoWindow(cluster, inbox, nodes);
            window.start();
            return window;
        }, SimulatedDemoWindow::close, () -> { });
    }

    /**
     * Shows the inspector alone, watching nodes on other machines (more can be added in the window), until the
     * window closes.
     *
     * @throws IllegalArgumentException for an address that is not {@code host:port}
     */
    public static void runRemoteInspector(List<String> addresses, String secret) {
        addresses.forEach(RemoteNode::inspectUri);
        EventInbox inbox = new EventInbox(1_000_000);
        RemoteNodes remote = new RemoteNodes(inbox, secret);
        addresses.forEach(address -> remote.watch(address, secret));
        String watched = addresses.isEmpty() ? "remote nodes" : String.join(", ", addresses);
        launch("distri-place — inspector: " + watched, () -> {
            InspectorPane pane = new InspectorPane(new InspectorSource("Watching " + watched, inbox,
                System::currentTimeMillis, null, null, remote));
            pane.start();
            return pane;
        }, InspectorPane::stop, remote::close);
    }

    /** Shows the inspector replaying a saved trace (paused at its start), until the window closes. */
    public static void runTrace(Path file, List<NodeEvent> events) {
        launch("distri-place — trace " + file.getFileName(), () -> {
            InspectorPane pane = new InspectorPane(TraceReplay.source("trace " + file.getFileName(), events));
            pane.start();
            return pane;
        }, InspectorPane::stop, () -> { });
    }

    /**
     * Opens the window on {@code content} (built on the FX thread), filling the screen (the demo and the inspector
     * do), and blocks until it closes; then stops the content, if it was built, and {@code afterwards}.
     */
    private static <T extends Parent> void launch(String title, Supplier<T> content, Consumer<T> stopContent,
                                                  Runnable afterwards) {
        launch(title, content, stopContent, afterwards, true);
    }

    private static <T extends Parent> void launch(String title, Supplier<T> content, Consumer<T> stopContent,
                                                  Runnable afterwards, boolean fillScreen) {
        AtomicReference<T> built = new AtomicReference<>();
        DesktopApp.prepare(new DesktopApp.Session(title, () -> {
            built.set(content.get());
            return built.get();
        }, () -> {
            if (built.get() != null) {
                stopContent.accept(built.get());
            }
            afterwards.run();
        }, fillScreen));
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
