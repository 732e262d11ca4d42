package org.distriplace.app.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.net.LoopbackPorts;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.node.NodeConfig;

/**
 * A whole cluster in one process, for demonstrations: N embedded nodes talking over loopback TCP, each with its
 * own data directory, any of which can be killed and restarted (on the same ports and data, so it rejoins and
 * catches up like a real machine would).
 */
public final class DemoCluster implements AutoCloseable {

    /** The demo cluster's secret: a remote inspector on another machine watches its nodes with it. */
    public static final String SECRET = "demo";

    private final Map<Integer, EmbeddedNode.Settings> settings = new TreeMap<>();
    private final Map<Integer, EmbeddedNode> running = new TreeMap<>();
    private final IntFunction<EventSink> events;

    /**
     * @param config the configuration of node {@code id} given the membership (1..n)
     * @param events where each node's events go
     */
    public DemoCluster(int nodes, Path dataDir, BiFunction<Integer, List<Integer>, NodeConfig> config,
                       IntFunction<EventSink> events) throws IOException {
        if (nodes < 1 || nodes > 15) {
            throw new IllegalArgumentException("a demo runs 1 to 15 nodes, not " + nodes);
        }
        this.events = events;
        List<Integer> members = new ArrayList<>();
        List<PeerAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            members.add(id);
            addresses.add(new PeerAddress(id, "127.0.0.1", LoopbackPorts.next()));
        }
        for (PeerAddress self : addresses) {
            List<PeerAddress> peers = addresses.stream().filter(a -> a.id() != self.id()).toList();
            // Fixed HTTP ports too: a browser tab on a killed node reconnects to the same address after restart.
            settings.put(self.id(), new EmbeddedNode.Settings(config.apply(self.id(), members), "127.0.0.1",
                LoopbackPorts.next(), self.port(), peers, SECRET, dataDir.resolve("node-" + self.id()), false));
        }
    }


    /** The node ids, 1..n. */
    public List<Integer> ids() {
        return List.copyOf(settings.keySet());
    }

    public synchronized void startAll() throws Exception {
        for (int id : settings.keySet()) {
            start(id);
        }
    }

    /** Starts (or restarts) node {@code id} on its ports and data; returns it. */
    public synchronized EmbeddedNode start(int id) throws Exception {
        EmbeddedNode node = running.get(id);
        if (node == null) {
            node = EmbeddedNode.start(settings.get(id), events.apply(id));
            running.put(id, node);
        }
        return node;
    }

    /** Stops node {@code id} abruptly (what it committed stays on disk), as if its machine failed. */
    public synchronized void kill(int id) {
        EmbeddedNode node = running.remove(id);
        if (node != null) {
            node.close();
        }
    }

    public synchronized Optional<EmbeddedNode> node(int id) {
        return Optional.ofNullable(running.get(id));
    }

    @Override
    public synchronized void close() {
        running.values().forEach(EmbeddedNode::close);
        running.clear();
    }
}
