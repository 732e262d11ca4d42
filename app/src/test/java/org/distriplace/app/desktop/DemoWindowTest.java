package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.WebSocketFrames;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.PixelJourney;
import org.distriplace.inspector.view.InspectorPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Demo mode's window: three nodes in one process; paint through one, kill the leader, restart it. */
@ExtendWith(ApplicationExtension.class)
class DemoWindowTest {

    private static final int BLACK = 0xFF00_0000;

    @TempDir
    static Path dir;

    private final EventTap events = new EventTap(EventSink.NONE);
    private DemoCluster cluster;
    private DemoWindow window;

    @Start
    void start(Stage stage) throws Exception {
        cluster = new DemoCluster(3, dir.resolve("demo-" + System.nanoTime()), (id, members) ->
            NodeConfig.builder(id, members).canvas(30, 20).cooldownMs(0).heartbeatMs(100).suspectAfterMs(400)
                .failureTimeoutMs(600).answerTimeoutMs(100).coordinatorTimeoutMs(300).joinGraceMs(200).batchMs(20)
                .voteTimeoutMs(300).resendMs(60).gossipMs(500).build(), id -> events);
        cluster.startAll();
        window = new DemoWindow(cluster, "presenter", events);
        stage.setScene(new Scene(window, 1000, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get();
    }

    private boolean leads(int id) {
        return cluster.node(id).map(n -> n.node().report().join()).filter(r -> r.leaderActive()).isPresent()
            && cluster.ids().stream().allMatch(other -> cluster.node(other)
                .map(n -> n.node().report().join()).map(r -> r.ready() && r.leaderId() == id).orElse(true));
    }

    private void paintThrough(FxRobot robot, int node, int x, int y) {
        robot.clickOn("#card-" + node);
        NodePane pane = onFx(() -> window.pane(node));
        Point2D point = onFx(() -> pane.canvas().localToScreen(pane.canvas().pointOf(x, y)));
        robot.clickOn(point);
    }

    private int drawnAt(int node, int x, int y) {
        return onFx(() -> window.pane(node) == null ? 0 : window.pane(node).canvas().pixels().argbAt(x, y));
    }

    @Test
    void killingTheLeaderThenRestartingItKeepsEveryPixel(FxRobot robot) throws Exception {
        Await.until("node 3 to lead", Duration.ofSeconds(20), () -> leads(3));
        paintThrough(robot, 1, 4, 4);
        Await.until("every node to draw (4, 4)", Duration.ofSeconds(10),
            () -> cluster.ids().stream().allMatch(id -> drawnAt(id, 4, 4) == BLACK));

        robot.clickOn("#card-toggle-3");
        assertNull(onFx(() -> window.pane(3)), "node 3 stopped");
        Await.until("node 2 to take over", Duration.ofSeconds(20), () -> leads(2));
        paintThrough(robot, 1, 9, 9);
        Await.until("the survivors to draw (9, 9)", Duration.ofSeconds(10),
            () -> drawnAt(1, 9, 9) == BLACK && drawnAt(2, 9, 9) == BLACK);

        robot.clickOn("#card-toggle-3");
        Await.until("node 3 to come back with both pixels", Duration.ofSeconds(20),
            () -> drawnAt(3, 4, 4) == BLACK && drawnAt(3, 9, 9) == BLACK);
        assertEquals(1, onFx(() -> window.selected()), "restarting a node does not change who paints");
        assertEquals(Color.of("#000000"), onFx(() -> window.pane(1).palette().selectedProperty().get()));
    }

    /**
     * Follow a pixel on real nodes over loopback: the same journey the simulated demo shows, and on to a browser
     * watching node 2.
     */
    @Test
    void aPixelPlacedThroughOneRealNodeCanBeFollowedToEveryReplicaAndBrowser(FxRobot robot) throws Exception {
        robot.clickOn("#demo-inspector");
        Await.until("node 3 to lead", Duration.ofSeconds(20), () -> leads(3));
        WebSocketFrames browser = new WebSocketFrames();
        WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + cluster.node(2).orElseThrow().httpPort()
            + "/ws", browser);
        browser.next("canvas");
        paintThrough(robot, 1, 6, 6);
        Await.until("every node to draw (6, 6)", Duration.ofSeconds(10),
            () -> cluster.ids().stream().allMatch(id -> drawnAt(id, 6, 6) == BLACK));
        Await.until("the inspector to have heard every replica commit it", Duration.ofSeconds(10),
            () -> onFx(() -> window.inspector().orElseThrow().pane().follow(6, 6)).map(j -> j.stops().stream()
                .filter(s -> s.what().contains(" holds it: committed")).count() == 3).orElse(false));
        PixelJourney journey = onFx(() -> window.inspector().orElseThrow().pane().follow(6, 6)).orElseThrow();
        List<String> what = journey.stops().stream().map(PixelJourney.Stop::what).toList();
        assertTrue(what.get(0).startsWith("n1 took #000000 at (6,6)"), what.toString());
        assertTrue(what.stream().anyMatch(w -> w.startsWith("n1 forwarded it to the leader n3 (PIXEL_UPDATE")),
            what.toString());
        assertTrue(what.stream().anyMatch(w -> w.startsWith("n3 proposed batch")), what.toString());
        assertTrue(what.stream().anyMatch(w -> w.contains(" voted yes on ")), what.toString());
        Await.until("the inspector to hear node 2 tell its browser", Duration.ofSeconds(10),
            () -> onFx(() -> window.inspector().orElseThrow().pane().follow(6, 6)).map(j -> j.stops().stream()
                .anyMatch(s -> s.what().startsWith("n2 sent it to its 1 browser"))).orElse(false));
        socket.abort();
    }

    @Test
    void theInspectorsFaultPanelPartitionsTheRealNetworkAndHealsIt(FxRobot robot) throws Exception {
        Await.until("node 3 to lead", Duration.ofSeconds(20), () -> leads(3));
        robot.clickOn("#demo-inspector");
        InspectorPane inspector = onFx(() -> window.inspector().orElseThrow().pane());
        Await.until("the inspector to crown node 3", Duration.ofSeconds(10),
            () -> onFx(() -> robot.lookup("#node-3").tryQuery().map(node -> node.getStyleClass().contains("leader"))
                .orElse(false)));

        SimulatedDemoWindowTest.unfoldFaults(robot);
        onFx(() -> {
            robot.lookup("#group-3").<ChoiceBox<String>>query().setValue("B");
            return null;
        });
        robot.clickOn("#partition");
        Await.until("nodes 1 and 2 to elect node 2 without node 3", Duration.ofSeconds(20),
            () -> cluster.node(1).orElseThrow().node().report().join().leaderId() == 2 && leadsAlone(2));
        paintThrough(robot, 1, 6, 6);
        Await.until("the majority to commit (6, 6)", Duration.ofSeconds(10),
            () -> drawnAt(1, 6, 6) == BLACK && drawnAt(2, 6, 6) == BLACK);
        assertNotEquals(BLACK, drawnAt(3, 6, 6), "the cut-off node cannot have it");
        Await.until("the inspector to see the round node 2 led", Duration.ofSeconds(10), () -> onFx(() ->
            inspector.model().rounds().newestFirst().stream().anyMatch(r -> r.leader() == 2
                && r.outcome() == CommitRound.Outcome.COMMIT)));

        robot.clickOn("#heal");
        Await.until("node 3 to catch up after healing", Duration.ofSeconds(20),
            () -> drawnAt(3, 6, 6) == BLACK);
        Await.until("one leader for all three again", Duration.ofSeconds(20), () -> leads(3) || leads(2));
    }

    /** {@code id} leads with an active term, whatever the others think. */
    private boolean leadsAlone(int id) {
        return cluster.node(id).map(n -> n.node().report().join()).filter(r -> r.leaderActive()).isPresent();
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
