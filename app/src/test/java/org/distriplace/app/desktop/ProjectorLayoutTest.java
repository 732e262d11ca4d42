package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.Lessons;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.view.InspectorPane;
import org.distriplace.inspector.view.Pictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The demo window as a lecturer opens it on a projector: maximised on the screen this test's JVM has (the build runs
 * it on screens of 1280×720, 1600×1000 and 1920×1080), with 3, 5 and 9 nodes, in normal and presentation mode,
 * during the lesson "When the leader crashes" paused where the leader has crashed. No two nodes overlap, no
 * label is drawn over another or cut short, and every control of the toolbar and of the Files menu is on screen and
 * takes the mouse. A screenshot of each is kept in target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorLayoutTest {

    /** The next event's text changes at every step; it takes the room left and shows the whole in its tooltip. */
    private static final Set<String> TICKERS = Set.of("next-event");

    private Stage stage;
    private SimulatedDemoWindow window;
    private SimulatedCluster cluster;

    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            if (window != null) {
                window.close();
            }
            if (stage != null) {
                stage.close();
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} nodes, {1}")
    @CsvSource({"3, normal", "3, present", "5, normal", "5, present", "9, normal", "9, present"})
    void everyNodeAndControlIsApartAndOnScreenDuringALesson(int nodes, String mode, FxRobot robot) throws Exception {
        Rectangle2D screen = fx(() -> open(nodes, mode.equals("present")));
        InspectorPane inspector = window.inspector();
        assertEquals(boundsOf(screen), fx(() -> new javafx.geometry.BoundingBox(stage.getX(), stage.getY(),
            stage.getWidth(), stage.getHeight())), "the window fills the screen");
        runLessonToTheCrash(inspector);

        List<String> problems = fx(() -> {
            List<String> found = new ArrayList<>();
            nodesApart(found, nodes);
            OnScreen.cutShort(window, TICKERS).forEach(cut -> found.add("cut short: " + cut));
            return found;
        });
        for (Node control : toolbar(robot)) {
            Bounds bounds = control.localToScreen(control.getBoundsInLocal());
            if (!OnScreen.within(bounds, boundsOf(screen), 0.5)) {
                problems.add(describe(control) + " is off screen: " + bounds);
                continue;
            }
            robot.moveTo(control);
            String hovered = fx(() -> control.isHover() ? "" : describe(control) + " does not take the mouse; "
                + "windows showing: " + javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
                .map(w -> w.getClass().getSimpleName() + "@" + w.getX() + "," + w.getY()).toList());
            if (!hovered.isEmpty()) {
                problems.add(hovered);
            }
        }
        problems.addAll(filesMenuOnScreen(robot, screen));
        // What the class sees, for the record: how large the nodes could be drawn on this screen.
        System.out.printf(Locale.ROOT, "projector %.0fx%.0f, %d nodes, %s: node radius %.1f px%n", screen.getWidth(),
            screen.getHeight(), nodes, mode, fx(() -> inspector.graph().radius()));
        shoot(String.format(Locale.ROOT, "demo-%.0fx%.0f-%d-nodes-%s", screen.getWidth(), screen.getHeight(), nodes,
            mode));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** A player's window opens at its usual size where the screen has room, smaller where not: never beyond it. */
    @org.junit.jupiter.api.Test
    void aPlayersWindowOpensWithinTheScreen() throws Exception {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Bounds placed = fx(() -> {
            stage = new Stage();
            WindowPlacement.place(stage, screen, false);
            return new javafx.geometry.BoundingBox(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        });
        assertTrue(OnScreen.within(placed, boundsOf(screen), 0), placed + " within " + screen);
        assertEquals(Math.min(WindowPlacement.WIDTH, screen.getWidth()), placed.getWidth());
        assertEquals(Math.min(WindowPlacement.HEIGHT, screen.getHeight()), placed.getHeight());
    }

    private Rectangle2D open(int nodes, boolean present) {
        EventInbox inbox = new EventInbox(1_000_000);
        cluster = new SimulatedCluster(DemoSettings.demo(nodes, 7), inbox);
        cluster.setSpeed(1);
        window = new SimulatedDemoWindow(cluster, inbox, nodes);
        stage = new Stage();
        stage.setScene(DesktopApp.scene(window));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        WindowPlacement.place(stage, WindowPlacement.screenOf(stage), true);
        stage.show();
        window.inspector().playLesson(Lessons.builtIn("leader-crash"));
        window.inspector().presentationProperty().set(present);
        return screen;
    }

    /** Runs the lesson (as the window's timer would, 50 ms a frame) to its pause after the leader crashed. */
    private void runLessonToTheCrash(InspectorPane inspector) throws Exception {
        boolean reached = fx(() -> {
            for (int frame = 0; frame < 4_000; frame++) {
                inspector.frame(50);
                var lesson = inspector.lesson().orElseThrow();
                if (lesson.waiting() && lesson.caption().contains("crashes")) {
                    window.refreshReplicas();
                    inspector.frame(0);
                    return true;
                }
                if (lesson.waiting()) {
                    lesson.next();
                }
            }
            return false;
        });
        assertTrue(reached, "the lesson paused after the crash");
        assertFalse(cluster.leader().isPresent() && cluster.isRunning(cluster.leader().get())
            && cluster.leader().get() == cluster.nodes().size(), "the first leader is down");
    }

    /** Each node's drawing (circle and labels) inside the graph, clear of the legend and of every other node. */
    private void nodesApart(List<String> problems, int nodes) {
        Node graph = window.lookup(".cluster-graph");
        Bounds area = OnScreen.inScene(graph);
        Bounds legend = OnScreen.inScene(window.lookup("#graph-legend"));
        List<Bounds> drawn = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            Node glyph = window.lookup("#node-" + id);
            Bounds bounds = OnScreen.inScene(glyph);
            if (!OnScreen.within(bounds, area, 0.5)) {
                problems.add("n" + id + " reaches outside the graph: " + bounds + " in " + area);
            }
            if (bounds.intersects(legend)) {
                problems.add("n" + id + " is drawn over the legend");
            }
            for (int other = 0; other < drawn.size(); other++) {
                if (bounds.intersects(drawn.get(other))) {
                    problems.add("n" + id + " overlaps n" + (other + 1));
                }
            }
            drawn.add(bounds);
        }
    }

    /** The header's and the time controls' buttons and menus, and the lesson bar's. */
    private static List<Node> toolbar(FxRobot robot) {
        List<Node> controls = new ArrayList<>();
        for (String id : List.of("#present", "#files", "#pause", "#step", "#step-back", "#speed", "#scenarios",
            "#lessons", "#branch", "#lesson-next", "#lesson-stop", "#clock")) {
            controls.add(robot.lookup(id).query());
        }
        return controls;
    }

    /** Opens the Files menu: every entry must be on screen. */
    private static List<String> filesMenuOnScreen(FxRobot robot, Rectangle2D screen) throws Exception {
        MenuButton files = robot.lookup("#files").queryAs(MenuButton.class);
        robot.clickOn(files);
        List<String> problems = fx(() -> {
            List<String> off = new ArrayList<>();
            for (MenuItem item : files.getItems()) {
                Node shown = item.getStyleableNode();
                if (shown == null || !OnScreen.shown(shown)) {
                    off.add("Files → " + item.getText() + " is not shown");
                } else if (!OnScreen.within(shown.localToScreen(shown.getBoundsInLocal()), boundsOf(screen), 0.5)) {
                    off.add("Files → " + item.getText() + " is off screen");
                }
            }
            files.hide();
            return off;
        });
        assertEquals(false, files.isShowing());
        return problems;
    }

    private static Bounds boundsOf(Rectangle2D screen) {
        return new javafx.geometry.BoundingBox(screen.getMinX(), screen.getMinY(), screen.getWidth(),
            screen.getHeight());
    }

    private static String describe(Node control) {
        return control instanceof ButtonBase button ? "'" + button.getText() + "'" : "#" + control.getId();
    }

    private void shoot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = fx(() -> Pictures.png(window.getScene().getRoot()));
        Files.write(dir.resolve(name + ".png"), png);
        String docs = System.getProperty("docs.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.write(Files.createDirectories(Path.of(docs)).resolve(name + ".png"), png);
        }
    }
}
