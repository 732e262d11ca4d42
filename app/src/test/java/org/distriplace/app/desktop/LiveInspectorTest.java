package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.view.InspectorPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View → Inspector opens the inspector beside the canvas, fed by the app's own running node. */
@ExtendWith(ApplicationExtension.class)
class LiveInspectorTest {

    @TempDir
    static Path dir;

    private final EventTap tap = new EventTap(EventSink.NONE);
    private EmbeddedNode node;
    private SingleNodeWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(20, 20)
            .cooldownMs(0).build(), "127.0.0.1", 0, 0, List.of(), "secret", dir.resolve("node-" + System.nanoTime()),
            false), tap);
        window = new SingleNodeWindow(new NodePane(node.node(), node.browserUrl(), "ada"), "ada",
            new SingleNodeWindow.PreferencesAccess(List.of(), new LinkedHashMap<>(), saved -> { }),
            new SingleNodeWindow.NearbyAccess("party", null, "off"), address -> {
                throw new java.io.IOException("not in this test");
            });
        window.offerInspector(tap, "secret");
        stage.setScene(new Scene(window, 1150, 700));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.pane().close()).get();
        node.close();
    }

    @Test
    void theInspectorShowsTheNodeLeadingAndItsCommittedRound(FxRobot robot) throws Exception {
        assertFalse(tap.wantsMessages(), "closed: no per-message events are built");
        robot.clickOn("View").clickOn("Inspector");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tap.wantsMessages());
        InspectorPane inspector = window.inspector().orElseThrow().pane();
        assertTrue(robot.lookup("#toggle-1").query().isDisabled(), "the app cannot kill its own node");
        node.node().place("ada", 2, 3, Color.of("#FFFFFF")).get(10, TimeUnit.SECONDS);
        Await.until("the committed round", Duration.ofSeconds(10), () -> inspector.model().rounds().newestFirst()
            .stream().anyMatch(r -> r.outcome() == CommitRound.Outcome.COMMIT && r.size() == 1));
        Await.until("n1 crowned", Duration.ofSeconds(10),
            () -> robot.lookup("#node-1").tryQuery().map(node -> node.getStyleClass().contains("leader"))
                .orElse(false));
        Await.until("n1's clock at one write", Duration.ofSeconds(10), () -> !inspector.clocks().rows().isEmpty()
            && inspector.clocks().rows().get(0).committedWrites() == 1);

        robot.clickOn("View").clickOn("Inspector");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.inspector().isEmpty());
        assertFalse(tap.wantsMessages(), "closing the inspector stops the per-message events");
    }

    @Test
    void theInspectorAlsoWatchesANodeOnAnotherMachineThatHoldsTheSecret(FxRobot robot) throws Exception {
        try (EmbeddedNode other = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(7, List.of(7))
            .canvas(20, 20).cooldownMs(0).build(), "127.0.0.1", 0, 0, List.of(), "secret",
            dir.resolve("other-" + System.nanoTime()), false), EventSink.NONE)) {
            robot.clickOn("View").clickOn("Inspector");
            InspectorPane inspector = window.inspector().orElseThrow().pane();
            robot.clickOn("#remote-address").write("127.0.0.1:" + other.httpPort());
            robot.clickOn("#remote-watch");
            Await.until("the chip to say n7 watching", Duration.ofSeconds(10),
                () -> chipText(robot).contains("n7 watching"));
            Await.until("n7 crowned", Duration.ofSeconds(10),
                () -> robot.lookup("#node-7").tryQuery().map(n -> n.getStyleClass().contains("leader")).orElse(false));
            other.node().place("bob", 4, 4, Color.of("#000000")).get(10, TimeUnit.SECONDS);
            Await.until("n7's committed round", Duration.ofSeconds(10), () -> inspector.model().rounds()
                .newestFirst().stream().anyMatch(r -> r.leader() == 7 && r.outcome() == CommitRound.Outcome.COMMIT));

            robot.clickOn("#remote-stop-" + chipIdOf("127.0.0.1:" + other.httpPort()));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#remote-address").write("127.0.0.1:" + other.httpPort());
            robot.doubleClickOn("#remote-secret").write("wrong");
            robot.clickOn("#remote-watch");
            Await.until("the chip to say denied", Duration.ofSeconds(10), () -> chipText(robot).contains("denied"));
            assertTrue(chipText(robot).contains("wrong cluster secret"), chipText(robot));
        }
    }

    private static String chipIdOf(String address) {
        return address.replaceAll("[^A-Za-z0-9]", "-");
    }

    private static String chipText(FxRobot robot) {
        return robot.lookup(".remote-chip").queryAll().stream().map(n -> ((Labeled) n).getText())
            .reduce("", (a, b) -> a + " | " + b);
    }
}
