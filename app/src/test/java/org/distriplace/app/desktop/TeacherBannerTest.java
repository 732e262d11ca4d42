package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.fault.LinkConditions;
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

/** A student's app says when a teacher is manipulating its node, and stops saying so when it ends. */
@ExtendWith(ApplicationExtension.class)
class TeacherBannerTest {

    @TempDir
    static Path dir;

    private EmbeddedNode node;
    private NodePane pane;

    @Start
    void start(Stage stage) throws Exception {
        node = EmbeddedNode.start(new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(8, 8).build(),
            "127.0.0.1", 0, 0, List.of(), "secret", dir.resolve("node-" + System.nanoTime()), false),
            new EventTap(EventSink.NONE));
        pane = new NodePane(node.node(), node.browserUrl(), "ada");
        stage.setScene(new Scene(pane, 800, 600));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> pane.close()).get();
        node.close();
    }

    private static boolean bannerSays(FxRobot robot, String text) {
        Label banner = robot.lookup("#teacher-banner").queryAs(Label.class);
        return banner.isVisible() && banner.getText().contains(text);
    }

    @Test
    void theBannerNamesWhatTheTeacherDoesToThisNode(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#teacher-banner").queryAs(Label.class).isVisible());
        node.node().pause();
        Await.until("the banner to say the node is paused", Duration.ofSeconds(5),
            () -> bannerSays(robot, "this node is paused"));
        node.node().resume();
        node.node().faults().cutOff(Set.of(2, 3));
        node.node().faults().setOutbound(4, LinkConditions.lossAndDelay(30, 100));
        Await.until("the banner to name the cut and degraded links", Duration.ofSeconds(5),
            () -> bannerSays(robot, "cut off from [n2, n3]; slow or lossy links to [n4]"));
        node.node().faults().clear();
        Await.until("the banner gone once the teacher heals", Duration.ofSeconds(5),
            () -> !robot.lookup("#teacher-banner").queryAs(Label.class).isVisible());
    }
}
