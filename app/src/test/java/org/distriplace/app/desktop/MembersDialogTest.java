package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Members dialog over node 1 of three in-process nodes, one of which died for good. */
@ExtendWith(ApplicationExtension.class)
class MembersDialogTest {

    private final InProcessNetwork network = new InProcessNetwork();
    private final List<Node> nodes = new ArrayList<>();

    @Start
    void start(Stage stage) {
        for (int id = 1; id <= 3; id++) {
            NodeConfig config = NodeConfig.builder(id, List.of(1, 2, 3)).canvas(16, 16).cooldownMs(0)
                .heartbeatMs(50).suspectAfterMs(150).failureTimeoutMs(300).answerTimeoutMs(100)
                .coordinatorTimeoutMs(300).joinGraceMs(100).batchMs(10).voteTimeoutMs(300).resendMs(50)
                .gossipMs(200).build();
            Node node = new Node(config, network.transportFor(id), new MemoryEventStore(), EventSink.NONE);
            network.attach(node);
            node.start().join();
            nodes.add(node);
        }
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
    }

    @Test
    void listsTheMembersAndRemovesADeadOne(FxRobot robot) throws Exception {
        Await.until("a leader", Duration.ofSeconds(10), () -> nodes.get(2).report().join().leaderActive());
        nodes.get(1).close();
        Await.until("node 2 seen dead", Duration.ofSeconds(10), () -> nodes.get(0).report().join().peers().get(2)
            .liveness().name().equals("DEAD"));
        WaitForAsyncUtils.asyncFx(() -> new MembersDialog(nodes.get(0)).show()).get();
        ListView<?> list = robot.lookup("#members-list").queryListView();
        Await.until("the members listed", Duration.ofSeconds(5), () -> list.getItems().size() == 3);
        assertEquals("node 1   this node", list.getItems().get(0).toString());
        assertEquals("node 2   dead", list.getItems().get(1).toString());
        assertTrue(list.getItems().get(2).toString().endsWith("(leader)"), list.getItems().toString());

        WaitForAsyncUtils.asyncFx(() -> list.getSelectionModel().select(1)).get();
        robot.clickOn("#members-remove");
        Await.until("the removal reported", Duration.ofSeconds(20), () -> robot.lookup("#members-status")
            .queryLabeled().getText().startsWith("Node 2 removed"));
        Await.until("the list refreshed", Duration.ofSeconds(5), () -> list.getItems().size() == 2);
        assertEquals(List.of(1, 3), nodes.get(0).report().join().membership().members());
    }
}
