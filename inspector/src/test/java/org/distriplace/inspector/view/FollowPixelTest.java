package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.distriplace.core.model.Color;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.PixelJourney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Follow a pixel in the simulated demo: its journey from the player's node to every replica. */
@ExtendWith(ApplicationExtension.class)
class FollowPixelTest {

    private DemoPane demo;
    private SimulatedCluster cluster;
    private InspectorPane pane;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 13, 1500, 950);
        cluster = demo.cluster;
        pane = demo.pane;
    }

    private void frames(int count) throws Exception {
        demo.frames(count, 100);
    }

    @Test
    void aPixelsJourneyGoesFromItsNodeThroughTheLeaderToEveryReplica(FxRobot robot) throws Exception {
        frames(30);
        WaitForAsyncUtils.asyncFx(() -> cluster.place(2, "ada", 30, 31, Color.of("#2450A4"))).get();
        frames(20);
        Optional<PixelJourney> found = WaitForAsyncUtils.asyncFx(() -> pane.follow(30, 31)).get();
        WaitForAsyncUtils.waitForFxEvents();
        PixelJourney journey = found.orElseThrow();
        assertEquals("ada", journey.write().user());
        assertEquals(2, journey.write().origin());
        List<String> what = journey.stops().stream().map(PixelJourney.Stop::what).toList();
        assertTrue(what.get(0).startsWith("n2 took #2450A4 at (30,31) from ada"), what.toString());
        assertTrue(what.get(0).contains("vector clock"), what.toString());
        int leader = journey.write().nodeId();
        assertTrue(what.stream().anyMatch(w -> w.startsWith("n2 forwarded it to the leader n" + leader + " (PIXEL_UPDATE")),
            what.toString());
        assertTrue(what.stream().filter(w -> w.startsWith("n" + leader + " proposed batch")).count() >= 4,
            "a PREPARE to every follower: " + what);
        assertTrue(what.stream().filter(w -> w.contains(" voted yes on ")).count() >= 2, "a majority voted: " + what);
        assertTrue(what.stream().anyMatch(w -> w.contains("(COMMIT)")), what.toString());
        assertEquals(5, what.stream().filter(w -> w.contains(" holds it: committed in batch")).count(),
            "on every replica: " + what);
        assertFalse(journey.flights().isEmpty());
        assertEquals(Set.of(1, 2, 3, 4, 5), journey.reached());
        for (int id = 1; id <= 5; id++) {
            assertTrue(robot.lookup("#node-" + id).query().getStyleClass().contains("reached"),
                "n" + id + " ringed in the graph");
        }
        ListView<?> list = robot.lookup("#journey").queryAs(ListView.class);
        assertEquals(journey.stops().size(), list.getItems().size());

        robot.clickOn("#follow-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(list.getItems().isEmpty());
        assertFalse(robot.lookup("#node-1").query().getStyleClass().contains("reached"), "the ring goes too");
    }
}
