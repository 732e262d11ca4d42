package org.distriplace.app.desktop;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way from other threads (the node's, the network's, demo control) onto the JavaFX thread. Everything the
 * views show is changed there; nothing else shares mutable state with them.
 */
public final class FxThread {

    /** Runs tasks on the JavaFX thread, in order. */
    public static final Executor EXECUTOR = FxThread::run;

    private FxThread() {
    }

    /** Runs {@code task} on the JavaFX thread soon (at once, if already on it, would reorder: so always later). */
    public static void run(Runnable task) {
        Platform.runLater(task);
    }
}
