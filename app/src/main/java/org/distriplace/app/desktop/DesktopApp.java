package org.distriplace.app.desktop;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.distriplace.app.runtime.EmbeddedNode;

/**
 * The desktop window around one embedded node. JavaFX instantiates this class itself, so the node it shows is
 * handed over by {@link DesktopLauncher} before launch.
 */
public final class DesktopApp extends Application {

    /** The node to show and the player's name, set once before {@link Application#launch}. */
    record Session(EmbeddedNode node, String user) {
    }

    private static volatile Session session;
    private NodePane pane;

    static void prepare(Session prepared) {
        session = prepared;
    }

    /** The window's title: the product, the node, and where browsers join it. */
    static String title(EmbeddedNode node) {
        return "distri-place — node " + node.node().id() + " · " + node.browserUrl();
    }

    @Override
    public void start(Stage stage) {
        Session current = Objects.requireNonNull(session, "DesktopLauncher prepares the session");
        pane = new NodePane(current.node().node(), current.node().browserUrl(), current.user());
        stage.setTitle(title(current.node()));
        stage.setScene(scene(pane));
        stage.show();
        pane.canvas().requestFocus();
    }

    /** A scene with the app's stylesheet. */
    static Scene scene(javafx.scene.Parent root) {
        Scene scene = new Scene(root, 1100, 800);
        scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("desktop.css"))
            .toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (pane != null) {
            pane.close();
        }
        session.node().close();
    }
}
