package org.distriplace.app.desktop;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;

/** The app's main window around its one node: a menu (preferences, quit) above the node's pane. */
public final class SingleNodeWindow extends BorderPane {

    /** The preferences as they are now, which keys the dialog edits, and how to save them. */
    public record PreferencesAccess(List<String> keys, Map<String, String> current,
                                    Consumer<Map<String, String>> save) {
    }

    private final NodePane pane;

    public SingleNodeWindow(NodePane pane, PreferencesAccess preferences) {
        this.pane = pane;
        MenuItem edit = new MenuItem("Preferences…");
        edit.setId("menu-preferences");
        edit.setOnAction(e -> editPreferences(preferences));
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> Platform.exit());
        MenuBar menus = new MenuBar(new Menu("distri-place", null, edit, quit));
        setTop(menus);
        setCenter(pane);
    }

    public NodePane pane() {
        return pane;
    }

    private void editPreferences(PreferencesAccess preferences) {
        PreferencesDialog dialog = new PreferencesDialog(preferences.keys(), preferences.current());
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(values -> {
            try {
                preferences.save().accept(values);
                pane.showMessage("Preferences saved; they apply the next time distri-place starts.");
            } catch (RuntimeException e) {
                pane.showMessage("Preferences not saved: " + e.getMessage());
            }
        });
    }
}
