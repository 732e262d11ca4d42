package org.distriplace.inspector.view;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The inspector's Files menu: pictures of the views for slides, a ShiViz log, and saving and loading traces, each
 * through a file chooser.
 */
final class FileMenu {

    private FileMenu() {
    }

    /** The menu; each action takes the file chosen, asked for through a chooser over {@code owner}. */
    static MenuButton of(BiConsumer<InspectorPane.Picture, Path> picture, Consumer<Path> shiViz,
                         Consumer<Path> saveTrace, Consumer<Path> loadTrace, Supplier<Window> owner) {
        MenuButton menu = new MenuButton("Files");
        menu.setId("files");
        for (InspectorPane.Picture view : InspectorPane.Picture.values()) {
            for (String format : List.of("png", "svg")) {
                add(menu, view.title + " as " + format.toUpperCase(Locale.ROOT) + "…",
                    "export-" + view.name().toLowerCase(Locale.ROOT) + "-" + format,
                    () -> choose(owner.get(), view.title, "*." + format, true), file -> picture.accept(view, file));
            }
        }
        add(menu, "Export for ShiViz…", "export-shiviz", () -> choose(owner.get(), "ShiViz log", "*.log", true),
            shiViz);
        add(menu, "Save trace…", "save-trace", () -> choose(owner.get(), "distri-place trace", "*.dptrace", true),
            saveTrace);
        add(menu, "Load trace…", "load-trace", () -> choose(owner.get(), "distri-place trace", "*.dptrace", false),
            loadTrace);
        return menu;
    }

    /** The name a save dialog suggests: "distri-place-shiviz-log.log", "distri-place-cluster-graph.svg", … */
    static String suggestedName(String what, String pattern) {
        String slug = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (slug.startsWith("distri-place") ? slug : "distri-place-" + slug) + pattern.substring(1);
    }

    private static void add(MenuButton menu, String text, String id,
                            Supplier<Optional<Path>> chooser, Consumer<Path> then) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> chooser.get().ifPresent(then));
        menu.getItems().add(item);
    }

    /** Asks for a file to save (suggesting {@link #suggestedName}) or open. */
    static Optional<Path> choose(Window owner, String what, String pattern, boolean saving) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        if (saving) {
            chooser.setInitialFileName(suggestedName(what, pattern));
        }
        java.io.File file = saving ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(java.io.File::toPath);
    }
}
