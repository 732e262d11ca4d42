package org.distriplace.app.desktop;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window. JavaFX instantiates this class itself, so what it shows (one node's pane, or demo mode's
 * whole cluster) is handed over by {@link DesktopLauncher} before launch. It opens on the screen, never beyond it:
 * the demo and the inspector fill it (see {@link WindowPlacement}).
 */
public final class DesktopApp extends Application {

    /**
     * What the window shows: its title, its content (built on the FX thread), what closing it stops, and whether
     * it fills the screen (the demo and the inspector) rather than opening at a player's window's size.
     */
    record Session(String title, Supplier<Parent> content, Runnable onClose, boolean fillScreen) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** The icon's sizes in assets: the window manager picks the one it needs. */
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private static volatile Session session;

    static void prepare(Session prepared) {
        session = prepared;
    }

    @Override
    public void start(Stage stage) {
        Session current = Objects.requireNonNull(session, "DesktopLauncher prepares the session");
        stage.setTitle(current.title());
        for (int size : ICON_SIZES) {
            stage.getIcons().add(new Image(Objects.requireNonNull(DesktopApp.class.getResource(
                "/org/distriplace/assets/icons/distri-place-" + size + ".png")).toExternalForm()));
        }
        stage.setScene(scene(current.content().get()));
        WindowPlacement.place(stage, WindowPlacement.screenOf(stage), current.fillScreen());
        stage.show();
        // How long a player waits for the window (the installers' start-up figure comes from this line).
        ProcessHandle.current().info().startInstant().ifPresent(started -> LOG.info("window shown {} ms after the "
            + "process started", Duration.between(started, Instant.now()).toMillis()));
    }

    /** A scene with the app's stylesheet. */
    static Scene scene(Parent root) {
        Scene scene = new Scene(root, 1100, 800);
        scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("desktop.css"))
            .toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        session.onClose().run();
    }
}
