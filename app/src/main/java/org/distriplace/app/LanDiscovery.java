package org.distriplace.app;

import java.io.IOException;
import org.distriplace.app.desktop.SingleNodeWindow;
import org.distriplace.app.discovery.Beacon;
import org.distriplace.app.discovery.Discovery;
import org.distriplace.app.discovery.MulticastChannel;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.net.ClusterSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The app's LAN discovery for its node, or the reason it is off. Closing stops the beacons. */
final class LanDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanDiscovery.class);

    private final String cluster;
    private final Discovery discovery;
    private final String problem;

    private LanDiscovery(String cluster, Discovery discovery, String problem) {
        this.cluster = cluster;
        this.discovery = discovery;
        this.problem = problem;
    }

    /** Starts announcing {@code node} unless switched off; a network without multicast only turns it off. */
    static LanDiscovery start(boolean off, String interfaceName, EmbeddedNode node, String cluster, String secret) {
        if (off) {
            return new LanDiscovery(cluster, null, null);
        }
        try {
            Beacon beacon = new Beacon(cluster, Beacon.newInstance(), node.node().id(), node.peerPort(), node.httpPort(),
                node.node().config().members());
            Discovery discovery = new Discovery(beacon, new ClusterSecret(secret),
                new MulticastChannel(MulticastChannel.chooseInterface(interfaceName)), System::currentTimeMillis);
            discovery.start();
            return new LanDiscovery(cluster, discovery, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("LAN discovery is off: {}", e.getMessage());
            return new LanDiscovery(cluster, null, e.getMessage());
        }
    }

    /** What the window shows of discovery: the cluster's name, the nodes heard, or why it is off. */
    SingleNodeWindow.NearbyAccess access() {
        return new SingleNodeWindow.NearbyAccess(cluster, discovery == null ? null : discovery::nearby, problem);
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
    }
}
