package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.distriplace.core.testing.Await;
import org.distriplace.inspector.feed.ClassroomNodes;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.RemoteNode;
import org.distriplace.inspector.feed.RemoteNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The teacher at the front desk, through the inspector's remote bar: watch three classroom nodes on loopback, pause
 * and resume one, partition them, degrade a link and heal, every command over the nodes' inspect channels.
 */
@ExtendWith(ApplicationExtension.class)
class TeacherBarTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private ClassroomNodes classroom;
    private RemoteNodes remote;
    private InspectorPane pane;

    @Start
    void start(Stage stage) throws Exception {
        classroom = new ClassroomNodes(3);
        EventInbox inbox = new EventInbox(100_000);
        remote = new RemoteNodes(inbox, ClassroomNodes.SECRET);
        pane = new InspectorPane(new InspectorSource("Watching the classroom", inbox, System::currentTimeMillis, null,
            null, remote));
        stage.setScene(new Scene(pane, 1600, 1000));
        stage.show();
        pane.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> pane.stop()).get();
        remote.close();
        classroom.close();
    }

    private static String id(String action, String address) {
        return "#remote-" + action + "-" + address.replaceAll("[^A-Za-z0-9]", "-");
    }

    private static void type(FxRobot robot, String field, String text) throws Exception {
        TextField input = robot.lookup(field).queryAs(TextField.class);
        WaitForAsyncUtils.asyncFx(() -> input.setText(text)).get();
    }

    private String error(FxRobot robot) {
        return robot.lookup("#remote-error").queryAs(Label.class).getText();
    }

    @Test
    void aTeacherPausesPartitionsDegradesAndHealsTheClassroomFromTheInspector(FxRobot robot) throws Exception {
        for (int id = 1; id <= 3; id++) {
            type(robot, "#remote-address", classroom.address(id));
            robot.clickOn("#remote-watch");
        }
        Await.until("three nodes watched", DEADLINE, () -> remote.watched().size() == 3 && remote.watched().stream()
            .allMatch(node -> node.status().state() == RemoteNode.State.WATCHING && node.status().nodeId() > 0));

        robot.clickOn(id("pause", classroom.address(1)));
        Await.until("n1 paused", DEADLINE, () -> classroom.node(1).isPaused());
        robot.clickOn(id("resume", classroom.address(1)));
        Await.until("n1 running again", DEADLINE, () -> !classroom.node(1).isPaused());

        type(robot, "#remote-partition", "1 | 2,3");
        robot.clickOn("#remote-partition-apply");
        Await.until("n1 cut off from the others, and they from it", DEADLINE, () ->
            classroom.node(1).cutOffPeers().equals(Set.of(2, 3)) && classroom.node(2).cutOffPeers().equals(Set.of(1))
                && classroom.node(3).cutOffPeers().equals(Set.of(1)));
        for (int id = 1; id <= 3; id++) {
            robot.clickOn(id("heal", classroom.address(id)));
        }
        Await.until("every link healed", DEADLINE, () -> classroom.node(1).cutOffPeers().isEmpty()
            && classroom.node(2).cutOffPeers().isEmpty() && classroom.node(3).cutOffPeers().isEmpty());

        type(robot, "#remote-link", "2->3");
        type(robot, "#remote-drop", "40");
        type(robot, "#remote-delay", "150");
        robot.clickOn("#remote-degrade");
        Await.until("n2's link to n3 degraded", DEADLINE, () -> classroom.node(2).degradedPeers().equals(Set.of(3)));
        assertEquals("", error(robot));
        robot.clickOn(id("heal", classroom.address(2)));
        Await.until("n2's links healed", DEADLINE, () -> classroom.node(2).degradedPeers().isEmpty());

        type(robot, "#remote-link", "two to three");
        robot.clickOn("#remote-degrade");
        assertTrue(error(robot).contains("two node ids"), error(robot));
        type(robot, "#remote-link", "7->1");
        robot.clickOn("#remote-degrade");
        assertTrue(error(robot).contains("n7 is not watched"), error(robot));
    }
}
