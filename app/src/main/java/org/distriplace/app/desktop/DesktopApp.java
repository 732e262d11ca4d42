package org.distriplace.app.desktop;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop window. JavaFX instantiates this class itself, so what it shows (one node's pane, or demo mode's
 * whole cluster) is handed over by {@link DesktopLauncher} before launch.
 */
public final class DesktopApp extends Application {

    /** What the window shows: its title, its content (built on the FX thread), and what closing it stops. */
    record Session(String title, Supplier<Parent> content, Runnable onClose) {
    }

    private static volatile Session session;

    static void prepare(Session prepared) {
        session = prepared;
    }

    @Override
    public void start(Stage stage) {
        Session current = Objects.requireNonNull(session, "DesktopLauncher prepares the session");
        stage.setTitle(current.title());
        stage.setScene(scene(current.content().get()));
        stage.show();
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
