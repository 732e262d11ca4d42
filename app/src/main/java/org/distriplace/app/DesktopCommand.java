package org.distriplace.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.distriplace.app.desktop.DesktopLauncher;
import org.distriplace.app.desktop.SingleNodeWindow;
import org.distriplace.app.discovery.MulticastChannel;
import org.distriplace.app.runtime.Departure;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.NodeSession;
import org.distriplace.app.runtime.PlayerAccount;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.PeerAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distri-place app} (also what {@code distri-place} with no arguments runs): the desktop window with its
 * node in-process. Taken ports and data directories fall back to free ones, so two copies on one machine
 * coexist; the window shows what was chosen.
 */
@Command(name = "app", header = "Open the desktop app with its node (the default when no command is given).",
    mixinStandardHelpOptions = true, sortOptions = false,
    defaultValueProvider = PreferencesFile.class,
    description = {
        "Opens the desktop app: paint on the live canvas through a node running",
        "inside the app, which browsers can also join. Ports and the data",
        "directory fall back to free ones when another copy holds them.",
        "Without a display, runs the node headless (still joining players on",
        "the LAN) and says so. Defaults come",
        "from the preferences the app saves (~/.distri-place/preferences.properties);",
        "options given here win.",
        "",
    })
public final class DesktopCommand implements Callable<Integer> {

    /** Players come and go all evening: a member dead this long is removed (while a majority is alive). */
    static final String DEFAULT_AUTO_REMOVE_AFTER = "2m";

    @CommandLine.Mixin
    NodeOptions options;

    @Option(names = "--user", description = "Your name on the canvas: your account in the cluster, made on first use "
        + "with this installation's player key, so your cooldown follows you (default: your login name, as an "
        + "account name: 3 to 24 of a-z 0-9 _).")
    String user;

    @Option(names = "--cluster-name", defaultValue = "distri-place", description = "The name this node's cluster "
        + "announces on the LAN; nodes with the same name and secret find each other (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--no-discovery", negatable = false, description = "Do not announce this node on the LAN or "
        + "listen for others (UDP multicast " + MulticastChannel.GROUP + ":" + MulticastChannel.PORT + ").")
    boolean noDiscovery;

    @Option(names = "--discovery-interface", paramLabel = "NAME", description = "The network interface LAN "
        + "discovery uses, e.g. eth0 (default: the first that is up and supports multicast).")
    String discoveryInterface;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path home = PreferencesFile.home();
        org.distriplace.app.runtime.OwnerOnly.directory(home);
        // The app logs to a file as headless nodes do: players have no console to read when something goes wrong.
        NodeCommand.logToFile(home.resolve("distri-place.log"));
        boolean secondCopy = startAsANewNodeIfAnotherCopyRunsThisOne(home);
        EmbeddedNode.Settings settings = options.settings(home.resolve("node-" + options.id), true,
            new NodeOptions.Launch(DEFAULT_AUTO_REMOVE_AFTER, true, false));
        options.checkSecret();
        boolean windowed = DesktopLauncher.displayAvailable();
        if (!windowed) {
            spec.commandLine().getErr().println("distri-place: no display here (DISPLAY and WAYLAND_DISPLAY are "
                + "unset), so the node runs headless, joining players nearby as the app does; open its address in a "
                + "browser to paint. Ctrl-C stops it (it leaves the cluster first).");
            spec.commandLine().getErr().flush();
        }
        EventTap events = new EventTap(EventSink.withoutMessages(NodeCommand::logEvent));
        EmbeddedNode node = EmbeddedNode.start(settings, events);
        spec.commandLine().getOut().printf("node %d: %s  peers on port %d  data in %s%n", options.id,
            node.browserUrl(), node.peerPort(), node.dataDir());
        spec.commandLine().getOut().flush();
        String player = PlayerAccount.accountName(user != null ? user : System.getProperty("user.name", "player"));
        NodeSession session = new NodeSession(node, home, events);
        Map<String, String> preferences = current(player);
        if (!secondCopy) {
            session.onReplaced(joined -> rememberJoined(joined, preferences));
        }
        try (LanDiscovery lan = LanDiscovery.start(noDiscovery, discoveryInterface, session, clusterName,
            options.secrets.secret)) {
            if (windowed) {
                // A desktop logout sends SIGTERM: the node leaves the cluster on the way out, as quitting does.
                Runtime.getRuntime().addShutdownHook(new Thread(session::close, "leave-on-shutdown"));
                DesktopLauncher.run(session, player, new SingleNodeWindow.PreferencesAccess(PreferencesFile.KEYS,
                    preferences, PreferencesFile::save), lan.access(), events);
            } else {
                runUntilTerminated(session);
            }
        }
        return 0;
    }

    /** Headless: runs until SIGTERM (or the node fails), then leaves the cluster and stops. */
    private static void runUntilTerminated(NodeSession session) throws InterruptedException {
        CountDownLatch terminated = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminated.countDown();
            try {
                closed.await(Departure.DEFAULT_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        session.current().node().onFatal(failure -> terminated.countDown());
        session.onReplaced(joined -> joined.node().onFatal(failure -> terminated.countDown()));
        try {
            terminated.await();
        } finally {
            session.close();
            closed.countDown();
        }
    }

    /**
     * Two copies of the app on one machine share the saved preferences, and so the node they name. A node's id goes
     * with its data directory: if another copy holds that directory, this copy starts as a new lone node of its own
     * (and joins nearby players, or is joined, as any new player does), and does not overwrite the preferences.
     *
     * @return true when this copy gave up the saved identity
     */
    private boolean startAsANewNodeIfAnotherCopyRunsThisOne(Path home) {
        Path preferred = options.dataDir != null ? options.dataDir : home.resolve("node-" + options.id);
        if (!EmbeddedNode.dataDirectoryInUse(preferred)) {
            return false;
        }
        spec.commandLine().getOut().printf("another copy of distri-place runs node %d (data in %s): this copy starts "
            + "as a new node of its own, and leaves the saved preferences to the first%n", options.id, preferred);
        spec.commandLine().getOut().flush();
        options.id = 1;
        options.peers = "";
        options.dataDir = null;
        return true;
    }

    /** After joining another cluster, the next start resumes as the joined node (same id, data and contacts). */
    private void rememberJoined(EmbeddedNode joined, Map<String, String> preferences) {
        EmbeddedNode.Settings settings = joined.settings();
        preferences.put("id", Integer.toString(settings.config().nodeId()));
        preferences.put("peers", settings.peers().stream().map(PeerAddress::toString)
            .collect(Collectors.joining(",")));
        preferences.put("canvas", settings.config().width() + "x" + settings.config().height());
        preferences.put("data-dir", joined.dataDir().toString());
        try {
            PreferencesFile.save(preferences);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("distri-place: could not remember the joined cluster: "
                + e.getMessage());
        }
        spec.commandLine().getOut().printf("node %d: joined through %s; %s%n", settings.config().nodeId(),
            settings.peers(), joined.browserUrl());
        spec.commandLine().getOut().flush();
    }

    /** The values in effect now, by preference key, for the dialog to start from. */
    private Map<String, String> current(String player) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user", player);
        values.put("id", Integer.toString(options.id));
        values.put("http-port", Integer.toString(options.httpPort));
        values.put("peer-port", Integer.toString(options.peerPort));
        values.put("peers", options.peers);
        values.put("cluster-secret", options.secrets.secret);
        values.put("canvas", options.canvas);
        values.put("data-dir", options.dataDir == null ? "" : options.dataDir.toString());
        values.put("cluster-name", clusterName);
        values.put("auto-remove-after", options.autoRemoveAfter != null ? options.autoRemoveAfter
            : DEFAULT_AUTO_REMOVE_AFTER);
        return values;
    }
}
