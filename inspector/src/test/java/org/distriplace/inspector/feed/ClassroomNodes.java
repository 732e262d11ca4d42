package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;

/**
 * A classroom cluster for the teacher's tests: real nodes (their peer links in process) each with its HTTP server on
 * loopback, whose inspect channel accepts the secret {@value #SECRET}.
 */
public final class ClassroomNodes implements AutoCloseable {

    public static final String SECRET = "classroom";

    private final InProcessNetwork network = new InProcessNetwork();
    private final List<Node> nodes = new ArrayList<>();
    private final List<ApiServer> servers = new ArrayList<>();

    /** Nodes 1 to {@code count}, started. */
    public ClassroomNodes(int count) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            ids.add(id);
        }
        for (int id : ids) {
            EventTap tap = new EventTap(EventSink.NONE);
            NodeConfig config = NodeConfig.builder(id, ids).canvas(8, 8).cooldownMs(0).build();
            Node node = new Node(config, network.transportFor(id), new MemoryEventStore(), tap);
            network.attach(node);
            nodes.add(node);
            ApiServer server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults(),
                new ApiServer.Inspection(tap, new ClusterSecret(SECRET), PeerEngine.of(node)), null);
            server.start();
            servers.add(server);
        }
        nodes.forEach(Node::start);
    }

    /** Node {@code id} (from 1). */
    public Node node(int id) {
        return nodes.get(id - 1);
    }

    /** Where node {@code id}'s HTTP server listens, {@code 127.0.0.1:PORT}. */
    public String address(int id) {
        return "127.0.0.1:" + servers.get(id - 1).port();
    }

    @Override
    public void close() {
        servers.forEach(ApiServer::close);
        nodes.forEach(Node::close);
    }
}
