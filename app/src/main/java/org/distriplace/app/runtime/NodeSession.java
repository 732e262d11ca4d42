package org.distriplace.app.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.distriplace.core.event.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's node for the whole session: the one running now, which joining another cluster replaces with a new node
 * (the old one's canvas stays in its data directory). Thread-safe; joining blocks, so call it off the FX thread.
 */
public final class NodeSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSession.class);

    private final Path home;
    private final Random random = new Random();
    private final EventSink events;
    private final List<Consumer<EmbeddedNode>> replacedListeners = new ArrayList<>();
    private EmbeddedNode current;
    private boolean closed;

    public NodeSession(EmbeddedNode first, Path home, EventSink events) {
        this.current = first;
        this.home = home;
        this.events = events;
    }

    public synchronized EmbeddedNode current() {
        return current;
    }

    /** Called with the new node after each successful join (on the joining thread). */
    public synchronized void onReplaced(Consumer<EmbeddedNode> listener) {
        replacedListeners.add(listener);
    }

    /**
     * Joins the cluster of the node at {@code hostPort}: stops this session's node and starts one that asks that
     * cluster's members to admit it. If the new node cannot start, the old one is started again.
     *
     * @return the new node (admitted once its members commit the change; see {@code Node.report().member()})
     * @throws IOException when the address does not lead to a cluster, or this node already belongs to it
     */
    public EmbeddedNode join(String hostPort) throws IOException, InterruptedException {
        ClusterJoin.ClusterInfo cluster = ClusterJoin.fetch(hostPort);
        EmbeddedNode joined;
        List<Consumer<EmbeddedNode>> listeners;
        synchronized (this) {
            if (closed) {
                throw new IOException("the app is closing");
            }
            if (sameCluster(cluster)) {
                throw new IOException(hostPort + " is in this node's own cluster already");
            }
            EmbeddedNode.Settings before = current.settings();
            EmbeddedNode.Settings settings = ClusterJoin.settingsToJoin(cluster, before, home, random);
            LOG.info("joining the cluster of {} as node {} (members {})", hostPort, settings.config().nodeId(),
                cluster.members());
            current.close();
            try {
                joined = EmbeddedNode.start(settings, events);
            } catch (Exception e) {
                current = restart(before);
                throw new IOException("could not start the joining node: " + e.getMessage(), e);
            }
            current = joined;
            listeners = List.copyOf(replacedListeners);
        }
        listeners.forEach(listener -> listener.accept(joined));
        return joined;
    }

    /**
     * True when the described cluster is this node's own: the same members at the same peer addresses (two lone
     * apps are both "node 1", but at different addresses).
     */
    private boolean sameCluster(ClusterJoin.ClusterInfo cluster) throws IOException, InterruptedException {
        String bind = current.settings().bind();
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        return ClusterJoin.fetch(host + ":" + current.httpPort()).members().equals(cluster.members());
    }

    private EmbeddedNode restart(EmbeddedNode.Settings settings) throws IOException {
        try {
            return EmbeddedNode.start(settings, events);
        } catch (Exception e) {
            throw new IOException("the joining node failed and the previous node did not restart: " + e.getMessage(),
                e);
        }
    }

    /** The app quits: its node leaves the cluster (bounded, see {@link Departure}), then stops. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Departure.leave(current.node(), Departure.DEFAULT_TIMEOUT);
        } finally {
            current.close();
        }
    }
}
