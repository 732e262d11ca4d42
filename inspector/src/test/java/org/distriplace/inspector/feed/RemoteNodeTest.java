package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.distriplace.inspector.model.CommitRound;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One inspector watching two nodes of a cluster through their {@code /inspect} streams, as it would watch two
 * machines: the nodes' events meet in one model, and a wrong secret gets nothing.
 */
class RemoteNodeTest {

    private final InProcessNetwork network = new InProcessNetwork();
    private final List<Node> nodes = new ArrayList<>();
    private final List<ApiServer> servers = new ArrayList<>();
    private final EventInbox inbox = new EventInbox(100_000);
    private final InspectorModel model = new InspectorModel();
    private RemoteNodes remote;

    @BeforeEach
    void start() throws Exception {
        for (int id = 1; id <= 2; id++) {
            EventTap tap = new EventTap(EventSink.NONE);
            NodeConfig config = NodeConfig.builder(id, List.of(1, 2)).canvas(8, 8).cooldownMs(0).batchMs(5)
                .heartbeatMs(100).suspectAfterMs(400).failureTimeoutMs(600).answerTimeoutMs(100)
                .coordinatorTimeoutMs(300).joinGraceMs(200).voteTimeoutMs(300).resendMs(60).build();
            Node node = new Node(config, network.transportFor(id), new MemoryEventStore(), tap);
            network.attach(node);
            nodes.add(node);
            ApiServer server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults(),
                new ApiServer.Inspection(tap, new ClusterSecret("s3cret"), PeerEngine.of(node)), null);
            server.start();
            servers.add(server);
        }
        nodes.forEach(Node::start);
        remote = new RemoteNodes(inbox, "");
    }

    @AfterEach
    void stop() {
        remote.close();
        servers.forEach(ApiServer::close);
        nodes.forEach(Node::close);
    }

    private String address(int id) {
        return "127.0.0.1:" + servers.get(id - 1).port();
    }

    /** Drains the inbox into the model until {@code condition} holds, failing after 10 s. */
    private void awaitModel(String what, BooleanSupplier condition) throws Exception {
        Await.until(what, Duration.ofSeconds(10), () -> {
            inbox.drainTo(model, Integer.MAX_VALUE);
            return condition.getAsBoolean();
        });
    }

    @Test
    void oneInspectorSeesTwoNodesThroughTheirStreams() throws Exception {
        RemoteNode first = remote.watch(address(1), "s3cret");
        RemoteNode second = remote.watch("http://" + address(2) + "/", "s3cret");
        Await.until("both streams", Duration.ofSeconds(10), () -> first.status().state() == RemoteNode.State.WATCHING
            && second.status().state() == RemoteNode.State.WATCHING);
        assertEquals(1, first.status().nodeId());
        assertEquals(2, second.status().nodeId());
        awaitModel("one leader, n2, seen by both", () -> model.cluster().leaders().size() == 1 && model.cluster().leaders().get(0).id() == 2
            && model.cluster().node(1).leaderId() == 2);

        nodes.get(0).place("ada", 1, 1, Color.of("#FF4500")).join();
        awaitModel("the committed round with both votes", () -> model.rounds().newestFirst().stream()
            .anyMatch(round ->
            round.outcome() == CommitRound.Outcome.COMMIT && round.votes().size() == 2));
        awaitModel("both clocks at one write", () -> model.clocks().rows().size() == 2 && model.clocks().rows().stream()
            .allMatch(row -> row.committedWrites() == 1));
        assertEquals(Role.LEADER, model.cluster().node(2).role());
        assertEquals(0, inbox.dropped());
    }

    @Test
    void aWrongSecretIsRefusedAndNothingArrives() throws Exception {
        RemoteNode node = remote.watch(address(1), "not-the-secret");
        Await.until("the refusal", Duration.ofSeconds(10), () -> node.status().state() == RemoteNode.State.DENIED);
        assertEquals("wrong cluster secret", node.status().detail());
        // Events happen (the cluster elects, then commits), whenever it is ready: none may reach the stranger.
        Await.until("a placement through node 1 to commit", Duration.ofSeconds(10),
            () -> nodes.get(0).place("ada", 2, 2, Color.of("#000000")).handle((ok, refused) -> ok != null).join());
        assertEquals(0, inbox.received(), "not one event for a client without the secret");
        assertEquals(0, servers.get(0).inspectors());
    }

    @Test
    void aNodeThatIsNotThereIsRetriedAndAStoppedWatchEnds() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RemoteNode absent = remote.watch("127.0.0.1:" + port, "s3cret");
        Await.until("retrying", Duration.ofSeconds(10), () -> absent.status().state() == RemoteNode.State.RETRYING);
        assertTrue(absent.status().detail().contains("cannot connect"), absent.status().detail());
        remote.stop(absent);
        assertEquals(RemoteNode.State.STOPPED, absent.status().state());
        assertTrue(remote.watched().isEmpty());

        RemoteNode watched = remote.watch(address(1), "s3cret");
        Await.until("the node to stream to it", Duration.ofSeconds(10), () -> servers.get(0).inspectors() == 1);
        remote.stop(watched);
        Await.until("the node to let it go", Duration.ofSeconds(10), () -> servers.get(0).inspectors() == 0);
    }

    @Test
    void addressesThatNameNoNodeAreRefusedAtOnce() {
        for (String bad : List.of("", "nohost", "127.0.0.1", "127.0.0.1:notaport", ":8080")) {
            assertThrows(IllegalArgumentException.class, () -> remote.watch(bad, "s3cret"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> remote.watch(address(1), ""), "an empty secret");
        remote.watch(address(1), "s3cret");
        assertThrows(IllegalArgumentException.class, () -> remote.watch(address(1), "s3cret"), "watched already");
        assertEquals(1, remote.watched().size());
    }
}
