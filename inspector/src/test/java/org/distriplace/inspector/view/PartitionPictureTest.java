package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.distriplace.inspector.feed.Lessons;
import org.distriplace.inspector.model.ClusterState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lesson "A partition, and healing" paused where each side has declared the other dead: the graph draws the
 * two sides apart (a straight line separates them), marks nobody dead (every node still runs: the others are
 * "unreachable from" them), and says which side can commit.
 */
@ExtendWith(ApplicationExtension.class)
class PartitionPictureTest {

    private DemoPane demo;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 9, 1280, 720);
    }

    @Test
    void aPartitionIsDrawnAsTwoSidesApartWithNobodyDead(FxRobot robot) throws Exception {
        InspectorPane pane = demo.pane;
        WaitForAsyncUtils.asyncFx(() -> pane.playLesson(Lessons.builtIn("partition-and-heal"))).get();
        boolean paused = WaitForAsyncUtils.asyncFx(() -> {
            for (int frame = 0; frame < 4_000; frame++) {
                pane.frame(50);
                var lesson = pane.lesson().orElseThrow();
                if (lesson.waiting() && lesson.caption().contains("declared the other dead")) {
                    pane.frame(0);
                    return true;
                }
                if (lesson.waiting()) {
                    lesson.next();
                }
            }
            return false;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(paused, "the lesson reached the partition");

        List<ClusterState.Side> sides = pane.model().cluster().sides();
        assertEquals(2, sides.size(), "two sides: " + sides);
        String caption = pane.graph().partitionCaption();
        assertTrue(caption.contains("cannot commit") && caption.contains("commits"), caption);
        for (int id = 1; id <= 5; id++) {
            Node glyph = robot.lookup("#node-" + id).query();
            assertFalse(glyph.getStyleClass().contains("dead"), "n" + id + " runs: it is not drawn dead");
        }
        assertTrue(robot.lookup(".unreachable").queryAll().size() >= 2, "nodes are unreachable from the other side");
        assertTrue(apart(robot, sides.get(0).nodes(), sides.get(1).nodes()), "a line separates the two sides");

        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = WaitForAsyncUtils.asyncFx(() -> Pictures.png(pane)).get();
        Files.write(dir.resolve("inspector-partition.png"), png);
        String docs = System.getProperty("docs.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.write(Path.of(docs).resolve("inspector-partition.png"), png);
        }
    }

    /** Whether, along the line between the sides' centres, every node of one comes before every node of the other. */
    private static boolean apart(FxRobot robot, List<Integer> a, List<Integer> b) {
        Point2D ca = centre(robot, a);
        Point2D axis = centre(robot, b).subtract(ca);
        double lastOfA = a.stream().mapToDouble(id -> at(robot, id).subtract(ca).dotProduct(axis)).max().orElseThrow();
        double firstOfB = b.stream().mapToDouble(id -> at(robot, id).subtract(ca).dotProduct(axis)).min().orElseThrow();
        return lastOfA < firstOfB;
    }

    private static Point2D centre(FxRobot robot, List<Integer> ids) {
        Point2D sum = ids.stream().map(id -> at(robot, id)).reduce(Point2D.ZERO, Point2D::add);
        return sum.multiply(1.0 / ids.size());
    }

    private static Point2D at(FxRobot robot, int id) {
        Node glyph = robot.lookup("#node-" + id).query();
        return new Point2D(glyph.getLayoutX(), glyph.getLayoutY());
    }
}
