package org.distriplace.app.desktop;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where a window opens: on the screen it is on, never beyond its edges. A projector of 1280×720 is smaller than the
 * player's window's usual size, and without a window manager nothing moves a window that starts above the screen's
 * top (its title and buttons out of reach).
 */
final class WindowPlacement {

    /** The player's window's size where the screen has room for it. */
    static final double WIDTH = 1100;
    static final double HEIGHT = 800;

    private WindowPlacement() {
    }

    /** The usable part of the screen {@code stage} is on (the primary one before it is shown). */
    static Rectangle2D screenOf(Stage stage) {
        var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()),
            Math.max(1, stage.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    /**
     * Places {@code stage} on {@code screen}: filling it and maximised when {@code fill} (the demo and the
     * inspector, whose pictures want every pixel), otherwise at its usual size, made smaller to fit, and centred.
     */
    static void place(Stage stage, Rectangle2D screen, boolean fill) {
        double width = fill ? screen.getWidth() : Math.min(WIDTH, screen.getWidth());
        double height = fill ? screen.getHeight() : Math.min(HEIGHT, screen.getHeight());
        stage.setX(screen.getMinX() + (screen.getWidth() - width) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - height) / 2);
        stage.setWidth(width);
        stage.setHeight(height);
        // A window manager keeps a maximised window on its screen and gives it back its size when restored.
        stage.setMaximized(fill);
    }
}
