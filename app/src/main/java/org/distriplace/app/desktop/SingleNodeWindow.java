package org.distriplace.app.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import org.distriplace.app.discovery.NearbyNodes;

/** The app's main window around its one node: a menu (nearby nodes, preferences, quit) above the node's pane. */
public final class SingleNodeWindow extends BorderPane {

    /** The preferences as they are now, which keys the dialog edits, and how to save them. */
    public record PreferencesAccess(List<String> keys, Map<String, String> current,
                                    Consumer<Map<String, String>> save) {
    }

    /** LAN discovery as the window sees it: the cluster's name, and the nodes heard lately (null: switched off). */
    public record NearbyAccess(String clusterName, Supplier<List<NearbyNodes.Nearby>> nearby, String problem) {
    }

    private final NodePane pane;
    /** The preferences as last saved from this window (the dialogs start from them). */
    private final Map<String, String> current;

    public SingleNodeWindow(NodePane pane, PreferencesAccess preferences, NearbyAccess discovery) {
        this.pane = pane;
        this.current = new LinkedHashMap<>(preferences.current());
        MenuItem edit = new MenuItem("Preferences…");
        edit.setId("menu-preferences");
        edit.setOnAction(e -> editPreferences(preferences));
        MenuItem nearby = new MenuItem("Nearby nodes…");
        nearby.setOnAction(e -> showNearby(discovery, preferences));
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> Platform.exit());
        MenuBar menus = new MenuBar(new Menu("distri-place", null, nearby, edit, quit));
        setTop(menus);
        setCenter(pane);
    }

    public NodePane pane() {
        return pane;
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
