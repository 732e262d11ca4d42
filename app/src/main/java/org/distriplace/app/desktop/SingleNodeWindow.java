package org.distriplace.app.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.distriplace.app.PreferencesFile;
import org.distriplace.app.desktop.history.HistoryReader;
import org.distriplace.app.desktop.history.PixelInfoPanel;
import org.distriplace.app.discovery.NearbyNodes;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.PlayerAccount;
import org.distriplace.app.runtime.RealFaults;
import org.distriplace.core.api.Rollbacks;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.Node;

/**
 * The app's main window around its one node: a menu (join a cluster, nearby nodes, preferences, quit) above the
 * node's pane. Joining another cluster replaces the node, and with it the pane.
 */
public final class SingleNodeWindow extends BorderPane {

    /**
     * Joins the cluster of the node at {@code host:port}; the window is then asked to {@link #show} the node that
     * replaced its own.
     */
    @FunctionalInterface
    public interface Joiner {
        EmbeddedNode join(String hostPort) throws Exception;
    }

    /** The preferences as they are now, which keys the dialog edits, and how to save them. */
    public record PreferencesAccess(List<String> keys, Map<String, String> current,
                                    Consumer<Map<String, String>> save) {
    }

    /** LAN discovery as the window sees it: the cluster's name, and the nodes heard lately (null: switched off). */
    public record NearbyAccess(String clusterName, Supplier<List<NearbyNodes.Nearby>> nearby, String problem) {
    }

    private NodePane pane;
    private EventTap tap;
    private String secret = "";
    private LiveInspector inspector;
    private final CheckMenuItem inspect;
    private final String user;
    /** The preferences as last saved (the dialogs start from them; joining a cluster updates them too). */
    private final Map<String, String> current;

    public SingleNodeWindow(NodePane pane, String user, PreferencesAccess preferences, NearbyAccess discovery,
                            Joiner joiner) {
        this.pane = pane;
        this.user = user;
        this.current = preferences.current();
        MenuItem join = new MenuItem("Join a cluster…");
        join.setId("menu-join");
        join.setOnAction(e -> askToJoin(joiner));
        MenuItem edit = new MenuItem("Preferences…");
        edit.setId("menu-preferences");
        edit.setOnAction(e -> editPreferences(preferences));
        MenuItem nearby = new MenuItem("Nearby nodes…");
        nearby.setOnAction(e -> showNearby(discovery, preferences));
        MenuItem members = new MenuItem("Members…");
        members.setId("menu-members");
        members.setOnAction(e -> showMembers());
        MenuItem moderate = new MenuItem("Moderation…");
        moderate.setId("menu-moderation");
        moderate.setOnAction(e -> showModeration());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> Platform.exit());
        inspect = new CheckMenuItem("Inspector");
        inspect.setId("menu-inspector");
        inspect.selectedProperty().addListener((o, was, on) -> showInspector(on));
        MenuBar menus = new MenuBar(new Menu("distri-place", null, join, nearby, members, moderate, edit,
            quit),
            new Menu("View", null, inspect));
        setTop(menus);
        setCenter(pane);
    }

    /**
     * Lets View → Inspector show the cluster inspector beside the canvas, fed through {@code tap}; {@code secret}
     * (this node's) is offered first for watching nodes on other machines.
     */
    public void offerInspector(EventTap tap, String secret) {
        this.tap = tap;
        this.secret = secret;
    }

    private void showInspector(boolean on) {
        if (inspector != null) {
            inspector.close();
            inspector = null;
        }
        if (on && tap != null) {
            inspector = new LiveInspector("This node, live", tap, () -> List.of(pane.node()), ownLinks(), secret);
            setCenter(new SplitPane(pane, inspector.pane()));
        } else {
            setCenter(pane);
        }
    }

    /**
     * The fault panel's hands on this node's links to its peers (other machines: it cannot kill them, nor itself
     * while it shows the canvas).
     */
    private RealFaults ownLinks() {
        return new RealFaults(() -> members(pane.node()),
            id -> id == pane.node().id() ? Optional.of(pane.node()) : Optional.empty(), null);
    }

    /** The members the node knows now (it learns of joiners), or those it started with if it has stopped. */
    private static List<Integer> members(Node node) {
        try {
            return node.report().join().membership().members();
        } catch (CompletionException stopped) {
            return node.config().members();
        }
    }

    /**
     * A pane on {@code node} with its history, whose "Show in inspector" links go through {@code link} (a window's
     * {@link #showInInspector}).
     */
    public static NodePane paneFor(EmbeddedNode node, String user, PixelInfoPanel.ProvenanceLink link) {
        NodeConfig config = node.node().config();
        HistoryReader reader = new HistoryReader(node.history().history(), node.history().past(), config.width(),
            config.height(), config.palette());
        // The player paints as this installation's guest until their account is claimed on this node's cluster.
        String key = PlayerAccount.key(PreferencesFile.home());
        NodePane pane = new NodePane(node.node(), node.browserUrl(), PlayerAccount.guest(key, "").userId(), reader,
            link);
        pane.allowModeration(new ModerationDialog.Access(new Rollbacks(node.engine(), node.history().history(),
            node.history().past(), ForkJoinPool.commonPool()), node.settings().api().moderators()));
        PlayerAccount.claim(node.node(), user, key, ForkJoinPool.commonPool())
            .thenAcceptAsync(pane::playAs, FxThread.EXECUTOR);
        return pane;
    }

    /**
     * Opens the inspector beside the canvas (if closed) on the commit of a placement: its round {@code epoch/batch}
     * and the moment {@code atMs}; false if the inspector does not remember that far back.
     */
    public boolean showInInspector(long epoch, long batch, long atMs) {
        inspect.setSelected(true);
        return inspector != null && inspector.pane().showCommit(epoch, batch, atMs);
    }

    /** The inspector beside the canvas, if open. */
    public Optional<LiveInspector> inspector() {
        return Optional.ofNullable(inspector);
    }

    public NodePane pane() {
        return pane;
    }

    private void askToJoin(Joiner joiner) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Join a cluster");
        dialog.setHeaderText("Paint on another player's canvas: join their cluster.\n"
            + "Type the address their window title shows (host:port).");
        dialog.setContentText("Address:");
        dialog.getEditor().setId("join-address");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().filter(text -> !text.isBlank()).ifPresent(address -> join(joiner, address.strip()));
    }

    /** Joins off the FX thread (it stops and starts nodes); failures are shown, success comes through {@link #show}. */
    public void join(Joiner joiner, String address) {
        pane.showMessage("Joining the cluster at " + address + "…");
        Thread worker = new Thread(() -> {
            try {
                joiner.join(address);
            } catch (Exception e) {
                FxThread.run(() -> pane.showMessage("Could not join " + address + ": " + e.getMessage()));
            }
        }, "join-cluster");
        worker.setDaemon(true);
        worker.start();
    }

    /** Replaces the pane with one on {@code node}, and retitles the window. */
    public void show(EmbeddedNode node) {
        pane.close();
        pane = paneFor(node, user, this::showInInspector);
        setCenter(inspector == null ? pane : new SplitPane(pane, inspector.pane()));
        pane.showMessage("Asked the cluster to admit node " + node.node().id() + "; the status below says when "
            + "it is a member.");
        if (getScene() != null && getScene().getWindow() instanceof Stage stage) {
            stage.setTitle(DesktopLauncher.title(node));
        }
    }

    private void showModeration() {
        ModerationDialog.Access access = pane.moderation();
        if (access == null) {
            pane.showMessage("Moderation is for the accounts this node names as moderators (--moderators, or "
                + "moderators = in node.conf); you paint as " + (pane.account() == null ? "a guest"
                : pane.account()) + ".");
            return;
        }
        ModerationDialog dialog = new ModerationDialog(pane.node(), access.rollbacks(), pane.account());
        dialog.initOwner(getScene().getWindow());
        dialog.show();
    }

    private void showMembers() {
        MembersDialog dialog = new MembersDialog(pane.node());
        dialog.initOwner(getScene().getWindow());
        dialog.show();
    }

    private void showNearby(NearbyAccess discovery, PreferencesAccess preferences) {
        if (discovery.nearby() == null) {
            pane.showMessage("LAN discovery is off" + (discovery.problem() == null ? " (--no-discovery)."
                : ": " + discovery.problem()));
            return;
        }
        NearbyDialog dialog = new NearbyDialog(discovery.clusterName(), discovery.nearby().get(),
            current.getOrDefault("peers", ""));
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(peers -> {
            Map<String, String> values = new LinkedHashMap<>(current);
            values.put("peers", peers);
            save(preferences, values);
        });
    }

    private void save(PreferencesAccess preferences, Map<String, String> values) {
        try {
            preferences.save().accept(values);
            current.clear();
            current.putAll(values);
            pane.showMessage("Preferences saved; they apply the next time distri-place starts.");
        } catch (RuntimeException e) {
            pane.showMessage("Preferences not saved: " + e.getMessage());
        }
    }

    private void editPreferences(PreferencesAccess preferences) {
        PreferencesDialog dialog = new PreferencesDialog(preferences.keys(), current);
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(values -> save(preferences, values));
    }
}
