package org.distriplace.app.discovery;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.distriplace.core.net.ClusterSecret;

/**
 * LAN discovery for one node: announces its beacon every interval, and keeps the nodes of the same cluster (same
 * name, and beacons the same secret verifies) heard lately. Beacons from other clusters, with another secret, or
 * malformed, are counted and ignored.
 */
public final class Discovery implements AutoCloseable {

    /** Beacon interval, and how long a silent node stays listed. */
    public static final long INTERVAL_MS = 2_000;
    public static final long EXPIRY_MS = 7_000;

    private final Supplier<Beacon> own;
    private final ClusterSecret secret;
    private final DiscoveryChannel channel;
    private final LongSupplier clockMs;
    private final NearbyNodes nearby;
    private final AtomicLong ignored = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "discovery-beacon");
        thread.setDaemon(true);
        return thread;
    });

    public Discovery(Beacon own, ClusterSecret secret, DiscoveryChannel channel, LongSupplier clockMs) {
        this(() -> own, secret, channel, clockMs);
    }

    /**
     * @param own this node's beacon as it is now, read at every announcement (the member list grows as nodes join,
     *            and joining another cluster changes the node id and ports); its cluster name and instance are fixed
     */
    public Discovery(Supplier<Beacon> own, ClusterSecret secret, DiscoveryChannel channel, LongSupplier clockMs) {
        this.own = own;
        this.secret = secret;
        this.channel = channel;
        this.clockMs = clockMs;
        this.nearby = new NearbyNodes(own, EXPIRY_MS);
    }

    /** Opens the channel and starts announcing. */
    public void start() throws IOException {
        channel.open(this::received);
        timer.scheduleAtFixedRate(() -> {
            try {
                channel.send(own.get().encode(secret));
            } catch (IOException | RuntimeException e) {
                // The network may come and go (a laptop changing Wi-Fi); the next beacon tries again.
            }
        }, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void received(byte[] datagram, int length, String fromHost) {
        Beacon beacon = Beacon.decode(datagram, length, secret).orElse(null);
        if (beacon == null || !beacon.cluster().equals(own.get().cluster())) {
            ignored.incrementAndGet();
            return;
        }
        nearby.heard(beacon, fromHost, clockMs.getAsLong());
    }

    /** The nodes of this cluster heard lately (never this node itself). */
    public List<NearbyNodes.Nearby> nearby() {
        return nearby.current(clockMs.getAsLong());
    }

    /** Datagrams ignored: other clusters, other secrets, malformed. */
    public long ignored() {
        return ignored.get();
    }

    public Beacon own() {
        return own.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        channel.close();
    }
}
