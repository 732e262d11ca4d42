package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.model.Color;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop window, headless on Monocle: two app panes, each with its own embedded node, forming a two-node
 * cluster over loopback, side by side in one stage.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTest {

    private static final Color ORANGE = Color.of("#FF4500");

    @TempDir
    static Path dir;

    private final List<EmbeddedNode> nodes = new ArrayList<>();
    private final List<NodePane> panes = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        int[] peerPorts = {TestCluster.freePort(), TestCluster.freePort()};
        for (int id = 1; id <= 2; id++) {
            int other = 3 - id;
            NodeConfig config = NodeConfig.builder(id, List.of(1, 2)).canvas(40, 30).cooldownMs(0)
                .heartbeatMs(100).suspectAfterMs(400).failureTimeoutMs(600).answerTimeoutMs(100)
                .coordinatorTimeoutMs(300).joinGraceMs(200).batchMs(20).voteTimeoutMs(300).resendMs(60).build();
            nodes.add(EmbeddedNode.start(new EmbeddedNode.Settings(config, "127.0.0.1", 0, peerPorts[id - 1],
                List.of(new PeerAddress(other, "127.0.0.1", peerPorts[other - 1])), "test-secret",
                dir.resolve("run-" + System.nanoTime() + "-node-" + id), false), EventSink.NONE));
        }
        for (EmbeddedNode node : nodes) {
            NodePane pane = new NodePane(node.node(), node.browserUrl(), "tester-" + node.node().id());
            pane.setPrefSize(560, 520);
            panes.add(pane);
        }
        HBox both = new HBox(panes.get(0), panes.get(1));
        stage.setScene(new Scene(both, 1120, 520));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> panes.forEach(NodePane::close)).get();
        nodes.forEach(EmbeddedNode::close);
    }

    private void awaitClusterReady() throws InterruptedException {
        Await.until("a leader and both nodes ready", Duration.ofSeconds(20), () -> nodes.stream()
            .allMatch(n -> {
                var report = n.node().report().join();
                return report.ready() && report.leaderId() == 2
                    && nodes.get(1).node().report().join().leaderActive();
            }));
    }

    private static int argb(Color color) {
        return 0xFF00_0000 | color.rgb();
    }

    @Test
    void aClickPlacesThePixelWhichIsDrawnInBothWindows(FxRobot robot) throws Exception {
        awaitClusterReady();
        NodePane first = panes.get(0);
        robot.clickOn("#swatch-FF4500");
        assertEquals(ORANGE, first.palette().selectedProperty().get());
        Point2D target = first.canvas().localToScreen(first.canvas().pointOf(7, 5));
        robot.clickOn(target);
        Await.until("both windows to draw (7, 5) orange", Duration.ofSeconds(10), () ->
            panes.stream().allMatch(pane -> onFx(() -> pane.canvas().pixels().argbAt(7, 5)) == argb(ORANGE)));
        byte[] replica = nodes.get(1).node().view().canvas().toBytes();
        assertEquals(ORANGE, nodes.get(1).node().config().palette().color(replica[5 * 40 + 7] & 0xFF),
            "the other node's replica holds the committed pixel");
        Await.until("the placement to stop pending", Duration.ofSeconds(5),
            () -> onFx(() -> first.placements().pending().isEmpty()));
        assertTrue(onFx(() -> first.placements().message()).startsWith("Placed at (7, 5)"));
    }

    @Test
    void zoomingWithTheWheelKeepsThePixelUnderTheCursor(FxRobot robot) throws Exception {
        NodePane pane = panes.get(0);
        Point2D local = onFx(() -> pane.canvas().pointOf(30, 20));
        robot.moveTo(pane.canvas().localToScreen(local));
        double scaleBefore = onFx(() -> pane.canvas().viewport().scale());
        robot.scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double scaleAfter = onFx(() -> pane.canvas().viewport().scale());
        assertTrue(scaleAfter != scaleBefore, "the wheel zoomed: " + scaleBefore + " -> " + scaleAfter);
        assertEquals(30.5, onFx(() -> pane.canvas().viewport().canvasX(local.getX())), 0.01);
        assertEquals(20.5, onFx(() -> pane.canvas().viewport().canvasY(local.getY())), 0.01);
        robot.drag(pane.canvas().localToScreen(local)).moveBy(-50, 30).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(30.5 + 50 / scaleAfter, onFx(() -> pane.canvas().viewport().canvasX(local.getX())), 0.01,
            "dragging panned the canvas with the pointer");
        assertTrue(onFx(() -> pane.placements().pending().isEmpty()), "a drag is not a click");
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
