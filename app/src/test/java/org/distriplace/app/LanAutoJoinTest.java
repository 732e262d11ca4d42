package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distriplace.app.discovery.InProcessHub;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.NodeSession;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Players who start the app on one LAN end up on one canvas: two lone apps find each other through discovery (an
 * in-process LAN: tests never send multicast) and one joins the other; an app with another secret stays apart.
 */
class LanAutoJoinTest {

    @TempDir
    Path dir;

    private NodeSession lone(String name, String secret) throws Exception {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(16, 16).heartbeatMs(200).suspectAfterMs(800)
            .failureTimeoutMs(1_200).joinGraceMs(200).build();
        EmbeddedNode node = EmbeddedNode.start(new EmbeddedNode.Settings(config, "127.0.0.1", 0, 0, List.of(), secret,
            dir.resolve(name), false), EventSink.NONE);
        return new NodeSession(node, dir.resolve(name + "-home"), EventSink.NONE);
    }

    private static List<Integer> members(NodeSession session) {
        try {
            NodeReport report = session.current().node().report().get(5, TimeUnit.SECONDS);
            return report.member() ? report.membership().members() : List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    @Test
    void twoLoneAppsOnOneLanBecomeOneClusterAndAThirdWithAnotherSecretStaysAlone() throws Exception {
        InProcessHub lan = new InProcessHub();
        try (NodeSession ada = lone("ada", "party-secret");
             NodeSession bob = lone("bob", "party-secret");
             NodeSession eve = lone("eve", "other-secret");
             LanDiscovery adaLan = LanDiscovery.start(lan.channel("127.0.0.1"), ada, "party", "party-secret");
             LanDiscovery bobLan = LanDiscovery.start(lan.channel("127.0.0.1"), bob, "party", "party-secret");
             LanDiscovery eveLan = LanDiscovery.start(lan.channel("127.0.0.1"), eve, "party", "other-secret")) {
            Await.until("ada and bob in one cluster of two", Duration.ofSeconds(40),
                () -> members(ada).size() == 2 && members(ada).equals(members(bob)));
            assertEquals(List.of(1), members(eve), "another secret: its beacons are not believed");
        }
    }
}
