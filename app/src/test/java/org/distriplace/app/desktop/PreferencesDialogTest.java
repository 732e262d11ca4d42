package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.distriplace.app.PreferencesFile;
import org.distriplace.app.discovery.Beacon;
import org.distriplace.app.discovery.NearbyNodes;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.event.EventSink;
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

@ExtendWith(ApplicationExtension.class)
class PreferencesDialogTest {

    private static final List<String> KEYS = PreferencesFile.KEYS;

    @TempDir
    static Path dir;

    private final AtomicReference<Map<String, String>> saved = new AtomicReference<>();
    private EmbeddedNode node;
    private SingleNodeWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(20, 20).build(),
            "127.0.0.1", 0, 0, List.of(), "secret", dir.resolve("node-" + System.nanoTime()), false), EventSink.NONE);
        window = new SingleNodeWindow(new NodePane(node.node(), node.browserUrl(), "ada"), "ada",
            new SingleNodeWindow.PreferencesAccess(KEYS, new LinkedHashMap<>(Map.of("user", "ada", "id", "1",
                "http-port", "8080", "canvas", "1000x1000", "peers", "3@10.0.0.3:9093")), saved::set),
            new SingleNodeWindow.NearbyAccess("party", () -> List.of(
                new NearbyNodes.Nearby(new Beacon("party", "a1", 2, 9092, 8082, List.of(1, 2)), "10.0.0.2", 0, false),
                new NearbyNodes.Nearby(new Beacon("party", "b2", 1, 9091, 8081, List.of(1)), "10.0.0.9", 0, true)),
                null),
            address -> {
                throw new java.io.IOException("no distri-place node answered at " + address);
            });
        stage.setScene(new Scene(window, 900, 600));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.pane().close()).get();
        node.close();
    }

    @Test
    void invalidInputCannotBeSavedAndSavedValuesReachTheStore(FxRobot robot) throws Exception {
        robot.clickOn("distri-place").clickOn("Preferences…");
        WaitForAsyncUtils.waitForFxEvents();
        Button save = robot.lookup("Save").queryButton();
        assertFalse(save.isDisabled(), "the current values are valid");
        robot.doubleClickOn("#pref-http-port").write("99999");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(save.isDisabled());
        assertEquals("A port is a number from 0 to 65535 (0: any free port).",
            robot.lookup("#pref-problem").queryLabeled().getText());
        robot.doubleClickOn("#pref-http-port").write("8085");
        robot.doubleClickOn("#pref-user").write("grace");
        robot.clickOn(save);
        Await.until("the preferences to be saved", Duration.ofSeconds(5), () -> saved.get() != null);
        assertEquals("grace", saved.get().get("user"));
        assertEquals("8085", saved.get().get("http-port"));
        assertEquals("1000x1000", saved.get().get("canvas"));
        assertTrue(robot.lookup("#message").queryLabeled().getText().startsWith("Preferences saved"));
    }

    @Test
    void nearbyNodesCanBecomeThisNodesPeers(FxRobot robot) throws Exception {
        robot.clickOn("distri-place").clickOn("Nearby nodes…");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#nearby-list").queryListView();
        assertEquals(2, list.getItems().size());
        assertTrue(list.getItems().get(0).toString().startsWith("Node 2 at 10.0.0.2"), list.getItems().toString());
        assertTrue(list.getItems().get(1).toString().contains("has your node id"), list.getItems().toString());
        robot.clickOn("Use them as my peers");
        Await.until("the peers to be saved", Duration.ofSeconds(5), () -> saved.get() != null);
        assertEquals("3@10.0.0.3:9093,2@10.0.0.2:9092", saved.get().get("peers"),
            "merged with the known peers, without the node claiming this node's id");
        assertEquals("ada", saved.get().get("user"), "the other preferences are kept");
    }

    @Test
    void joiningAnAddressWhereNothingAnswersSaysSoAndKeepsTheNode(FxRobot robot) throws Exception {
        robot.clickOn("distri-place").clickOn("Join a cluster…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#join-address").write("10.0.0.77:8080");
        robot.clickOn("OK");
        Await.until("the failure to be shown", Duration.ofSeconds(10),
            () -> robot.lookup("#message").queryLabeled().getText().startsWith("Could not join 10.0.0.77:8080"));
        assertTrue(robot.lookup("#message").queryLabeled().getText().contains("no distri-place node answered"));
        assertFalse(node.node().isClosed(), "the window's node keeps running");
    }

    @Test
    void problemsAreNamed() {
        assertNull(PreferencesDialog.problemWith(Map.of("id", "3", "peers", "1@host:9091,2@host:9092")));
        assertEquals("The node id is a positive whole number.", PreferencesDialog.problemWith(Map.of("id", "0")));
        assertEquals("The canvas size reads like 1000x1000.", PreferencesDialog.problemWith(Map.of("canvas", "big")));
        assertEquals("The peers list this node's own id.",
            PreferencesDialog.problemWith(Map.of("id", "2", "peers", "2@host:9092")));
        assertTrue(PreferencesDialog.problemWith(Map.of("peers", "nonsense")).startsWith("Peers: "));
        assertNull(PreferencesDialog.problemWith(Map.of("auto-remove-after", "2m")));
        assertTrue(PreferencesDialog.problemWith(Map.of("auto-remove-after", "soon")).startsWith("Automatic removal"));
    }
}
