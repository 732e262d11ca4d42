package org.distriplace.app.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** How often a joined node not yet admitted checks that no one else was admitted under its id. */
    static final long ADMISSION_CHECK_MS = 2_000;

    private final Path home;
    private final Random random;
    private final EventSink events;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "admission-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<EmbeddedNode>> replacedListeners = new ArrayList<>();
    private EmbeddedNode current;
    private boolean closed;

    public NodeSession(EmbeddedNode first, Path home, EventSink events) {
        this(first, home, events, new Random());
    }

    /** @param random where joined nodes' ids come from (tests make two sessions pick the same one) */
    public NodeSession(EmbeddedNode first, Path home, EventSink events, Random random) {
        this.current = first;
        this.home = home;
        this.events = events;
        this.random = random;
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
        synchronized (this) {
            if (!closed && sameCluster(cluster)) {
                throw new IOException(hostPort + " is in this node's own cluster already");
            }
        }
        return replaceWithJoiner(cluster, hostPort);
    }

    private EmbeddedNode replaceWithJoiner(ClusterJoin.ClusterInfo cluster, String hostPort) throws IOException {
        EmbeddedNode joined;
        List<Consumer<EmbeddedNode>> listeners;
        synchronized (this) {
            if (closed) {
                throw new IOException("the app is closing");
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
        watchAdmission(joined, hostPort);
        return joined;
    }

    private void watchAdmission(EmbeddedNode joined, String contact) {
        try {
            watcher.schedule(() -> checkAdmission(joined, contact), ADMISSION_CHECK_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the session closed
        }
    }

    /**
     * Players joining at the same moment may pick the same id; the leader admits the first to ask. The other sees the
     * configuration name its id at another address, and joins again under a new id, by itself.
     */
    private void checkAdmission(EmbeddedNode joined, String contact) {
        synchronized (this) {
            if (closed || current != joined) {
                return;
            }
        }
        try {
            if (joined.node().report().get(2, TimeUnit.SECONDS).member()) {
                return;
            }
            ClusterJoin.ClusterInfo cluster = ClusterJoin.fetch(contact);
            int id = joined.node().id();
            if (cluster.takenByAnother(id, joined.node().config().address())) {
                LOG.warn("node id {} went to another player who joined at the same moment; joining again under "
                    + "another id", id);
                replaceWithJoiner(cluster, contact);
                return;
            }
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("admission check through {} failed: {}", contact, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        watchAdmission(joined, contact);
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
        watcher.shutdownNow();
        try {
            Departure.leave(current.node(), Departure.DEFAULT_TIMEOUT);
        } finally {
            current.close();
        }
    }
}
