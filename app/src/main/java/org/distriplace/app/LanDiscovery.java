package org.distriplace.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.distriplace.app.desktop.SingleNodeWindow;
import org.distriplace.app.discovery.AutoJoin;
import org.distriplace.app.discovery.Beacon;
import org.distriplace.app.discovery.Discovery;
import org.distriplace.app.discovery.DiscoveryChannel;
import org.distriplace.app.discovery.MulticastChannel;
import org.distriplace.app.discovery.NearbyNodes;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.app.runtime.NodeSession;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's LAN discovery for its session's node, or the reason it is off: announces the node (its current id,
 * ports and members), and, while the node is alone in its cluster, joins a nearby cluster of the same name and secret
 * (see {@link AutoJoin}). Closing stops the beacons.
 */
final class LanDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanDiscovery.class);
    /** How often a lone node looks for a cluster to join; a little over a beacon interval. */
    static final long AUTO_JOIN_EVERY_MS = 3_000;

    private final String cluster;
    private final Discovery discovery;
    private final String problem;
    private final ScheduledExecutorService autoJoin;

    private LanDiscovery(String cluster, Discovery discovery, String problem, ScheduledExecutorService autoJoin) {
        this.cluster = cluster;
        this.discovery = discovery;
        this.problem = problem;
        this.autoJoin = autoJoin;
    }

    /** Starts announcing the session's node unless switched off; a network without multicast only turns it off. */
    static LanDiscovery start(boolean off, String interfaceName, NodeSession session, String cluster, String secret) {
        if (off) {
            return new LanDiscovery(cluster, null, null, null);
        }
        try {
            return start(new MulticastChannel(MulticastChannel.chooseInterface(interfaceName)), session, cluster,
                secret);
        } catch (IOException | RuntimeException e) {
            LOG.warn("LAN discovery is off: {}", e.getMessage());
            return new LanDiscovery(cluster, null, e.getMessage(), null);
        }
    }

    /** Discovery over {@code channel} (tests pass an in-process one), with auto-join. */
    static LanDiscovery start(DiscoveryChannel channel, NodeSession session, String cluster, String secret)
        throws IOException {
        String instance = Beacon.newInstance();
        Discovery discovery = new Discovery(() -> beacon(session.current(), cluster, instance),
            new ClusterSecret(secret), channel, System::currentTimeMillis);
        discovery.start();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "discovery-auto-join");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> joinIfAlone(session, discovery, instance), AUTO_JOIN_EVERY_MS,
            AUTO_JOIN_EVERY_MS, TimeUnit.MILLISECONDS);
        return new LanDiscovery(cluster, discovery, null, timer);
    }

    /** The beacon for the node running now; a node not admitted anywhere yet announces no members. */
    private static Beacon beacon(EmbeddedNode node, String cluster, String instance) {
        NodeReport report = report(node);
        List<Integer> members = report != null && report.member() ? report.membership().members() : List.of();
        return new Beacon(cluster, instance, node.node().id(), node.peerPort(), node.httpPort(), members);
    }

    /** The node's report, or null if it does not answer soon (it may be stopping while a join replaces it). */
    private static NodeReport report(EmbeddedNode node) {
        try {
            return node.node().report().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null;
        }
    }

    private static void joinIfAlone(NodeSession session, Discovery discovery, String instance) {
        try {
            NodeReport report = report(session.current());
            boolean alone = report != null && report.member() && report.membership().size() == 1;
            AutoJoin.choose(alone, instance, discovery.nearby()).ifPresent(target -> join(session, target));
        } catch (RuntimeException e) {
            LOG.warn("LAN auto-join check failed: {}", e.toString());
        }
    }

    private static void join(NodeSession session, NearbyNodes.Nearby target) {
        String address = target.host() + ":" + target.beacon().httpPort();
        LOG.info("LAN discovery: joining the cluster of node {} at {}", target.beacon().nodeId(), address);
        try {
            session.join(address);
        } catch (IOException e) {
            LOG.warn("LAN discovery could not join {}: {}", address, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the window shows of discovery: the cluster's name, the nodes heard, or why it is off. */
    SingleNodeWindow.NearbyAccess access() {
        return new SingleNodeWindow.NearbyAccess(cluster, discovery == null ? null : discovery::nearby, problem);
    }

    @Override
    public void close() {
        if (autoJoin != null) {
            autoJoin.shutdownNow();
        }
        if (discovery != null) {
            discovery.close();
        }
    }
}
