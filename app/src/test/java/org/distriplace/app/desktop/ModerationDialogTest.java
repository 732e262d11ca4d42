package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.api.PasswordHashes;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.history.SnapshotKeeper;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.Color;
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

/** The desktop app's moderator panel: a moderator bans a vandal and undoes their last minutes. */
@ExtendWith(ApplicationExtension.class)
class ModerationDialogTest {

    private static final Color BLACK = Color.of("#000000");
    private static final Color WHITE = Color.of("#FFFFFF");

    @TempDir
    static Path dir;

    private EmbeddedNode node;
    private SingleNodeWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(30, 20)
            .cooldownMs(0).build(), "127.0.0.1", 0, 0, List.of(), "secret", dir.resolve("node-" + System.nanoTime()),
            false, SnapshotKeeper.Policy.defaults(), ServerOptions.defaults().withModerators(Set.of("ada"))),
            new EventTap(EventSink.NONE));
        window = new SingleNodeWindow(SingleNodeWindow.paneFor(node, "ada", (epoch, batch, atMs) -> false), "ada",
            new SingleNodeWindow.PreferencesAccess(List.of(), new LinkedHashMap<>(), saved -> { }),
            new SingleNodeWindow.NearbyAccess("party", null, "off"), address -> {
                throw new java.io.IOException("not in this test");
            });
        Scene scene = new Scene(window, 1100, 700);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.pane().close()).get();
        node.close();
    }

    @Test
    void aModeratorBansAVandalAndUndoesTheirLastMinutes(FxRobot robot) throws Exception {
        Await.until("ada's account claimed", Duration.ofSeconds(20), () -> "ada".equals(window.pane().account()));
        node.node().changeAccount(AccountChange.register("mallory", PasswordHashes.hash("vandal pass"))).join();
        node.node().place("mallory", 3, 4, BLACK).join();
        node.node().place("mallory", 5, 6, BLACK).join();

        robot.clickOn("distri-place").clickOn("#menu-moderation");
        robot.clickOn("#mod-player").write("mallory");
        robot.clickOn("#mod-reason").write("vandalism");
        robot.clickOn("#mod-ban");
        Await.until("mallory banned", Duration.ofSeconds(10), () -> node.node().view().accounts().isBanned("mallory"));
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#mod-status").queryAs(Label.class);
        Await.until("the panel to say so", Duration.ofSeconds(5), () -> status.getText().contains("banned"));
        ListView<?> bans = robot.lookup("#mod-bans").queryAs(ListView.class);
        assertEquals(1, bans.getItems().size());
        assertTrue(bans.getItems().get(0).toString().contains("mallory — by ada: vandalism"),
            bans.getItems().toString());

        robot.clickOn("#mod-rollback");
        Await.until("the rollback done", Duration.ofSeconds(20), () -> status.getText().startsWith("Restored"));
        assertEquals("Restored 2 of 2 pixels.", status.getText());
        Await.until("mallory's pixels white again", Duration.ofSeconds(10),
            () -> node.node().view().canvas().colorAt(3, 4).equals(WHITE)
                && node.node().view().canvas().colorAt(5, 6).equals(WHITE));
        assertEquals("mod:ada", node.history().history().pixel(3, 4, 1, Long.MAX_VALUE).get(0).user());

        node.node().place("bob", 1, 1, BLACK).join();
        node.node().place("bob", 2, 2, BLACK).join();
        robot.clickOn("#mod-region").write("0,0,4,4");
        robot.clickOn("#mod-minutes").eraseText(2).write("1");
        robot.clickOn("#mod-area");
        Await.until("the area put back", Duration.ofSeconds(20),
            () -> node.node().view().canvas().colorAt(1, 1).equals(WHITE)
                && node.node().view().canvas().colorAt(2, 2).equals(WHITE));
        Await.until("the panel to say so", Duration.ofSeconds(5),
            () -> status.getText().equals("Restored 2 of 2 pixels."));

        robot.clickOn(bans.getItems().get(0).toString());
        robot.clickOn("#mod-unban");
        Await.until("mallory unbanned", Duration.ofSeconds(10),
            () -> !node.node().view().accounts().isBanned("mallory"));
        assertFalse(node.node().view().accounts().isBanned("mallory"));
    }
}
