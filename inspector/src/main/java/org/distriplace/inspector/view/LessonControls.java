package org.distriplace.inspector.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Pane;
import org.distriplace.inspector.feed.Lesson;
import org.distriplace.inspector.feed.LessonRunner;
import org.distriplace.inspector.feed.Lessons;
import org.distriplace.inspector.feed.SimulatedCluster;

/**
 * The inspector's lessons on the simulated demo: the Lessons menu (the built-in ones, and a teacher's file), the
 * lesson playing, and its caption bar, shown in {@code bars} while it plays.
 */
final class LessonControls {

    private final SimulatedCluster cluster;
    private final Pane bars;
    private final Consumer<String> status;
    private LessonRunner runner;
    private LessonBar bar;

    LessonControls(SimulatedCluster cluster, Pane bars, Consumer<String> status) {
        this.cluster = cluster;
        this.bars = bars;
        this.status = status;
    }

    /** The Lessons menu; {@code chooseFile} asks for a lesson file to open. */
    MenuButton menu(Supplier<Optional<Path>> chooseFile) {
        MenuButton menu = new MenuButton("Lessons");
        menu.setId("lessons");
        for (String name : Lessons.BUILT_IN) {
            Lesson built = Lessons.builtIn(name);
            MenuItem item = new MenuItem(built.title());
            item.setId("lesson-" + name);
            item.setOnAction(e -> play(built));
            menu.getItems().add(item);
        }
        MenuItem open = new MenuItem("Open a lesson file…");
        open.setOnAction(e -> chooseFile.get().ifPresent(file -> {
            try {
                play(Lessons.load(file));
            } catch (IOException | IllegalArgumentException problem) {
                status.accept("not a lesson: " + problem.getMessage());
            }
        }));
        menu.getItems().add(open);
        return menu;
    }

    /** Plays {@code lesson} from its first step, instead of any other. */
    void play(Lesson lesson) {
        boolean sharded = cluster.settings().sharding().sharded();
        if (lesson.needsShards() != sharded) {
            // The other lessons narrate one group: every node voting, members that leave (which shards refuse).
            status.accept("'" + lesson.title() + "' " + (sharded ? "is about one group of every node: start the "
                + "demo without --shards" : "needs a sharded demo: start distri-place demo --nodes 9 --shards 3x3"));
            return;
        }
        stop();
        runner = new LessonRunner(cluster, lesson);
        bar = new LessonBar(runner, this::stop);
        bars.getChildren().add(bar);
        runner.start();
        bar.refresh();
    }

    void stop() {
        if (runner != null) {
            runner.stop();
        }
        bars.getChildren().remove(bar);
        runner = null;
        bar = null;
    }

    /** One frame: the lesson checks for its moment, and its bar says where it is. */
    void tick() {
        if (runner != null) {
            runner.tick();
            bar.refresh();
        }
    }

    /** Next, from the keyboard (a presenter's clicker): true if a lesson was playing. */
    boolean next() {
        if (bar == null) {
            return false;
        }
        bar.next();
        return true;
    }

    Optional<LessonRunner> runner() {
        return Optional.ofNullable(runner);
    }
}
