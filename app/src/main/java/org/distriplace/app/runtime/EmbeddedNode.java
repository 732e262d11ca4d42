package org.distriplace.app.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.history.SnapshotKeeper;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.ClusterSettings;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.net.PeerTransport;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.wire.PeerCodec;
import org.distriplace.core.wire.Wire;

/**
 * One complete peer in this process: the durable store, the peer transport, the node, and the HTTP/WebSocket
 * server, which also streams the node's events to remote inspectors holding the cluster secret. The headless
 * command, the desktop app and demo mode all run nodes through this class.
 */
public final class EmbeddedNode implements AutoCloseable {

    /**
     * Where and how the node runs.
     *
     * @param portsFallBack when a preferred port is taken, use a free one instead of failing (the desktop app:
     *                      two copies on one machine must not collide)
     * @param snapshots     how often the history's snapshots are taken and how they thin with age
     * @param api           the HTTP/WebSocket server's limits (connections per address, idle timeout, backlog...)
     * @param wire          how peer messages are encoded: compact where peers agree, or JSON throughout
     */
    public record Settings(NodeConfig config, String bind, int httpPort, int peerPort, List<PeerAddress> peers,
                           String secret, Path dataDir, boolean portsFallBack, SnapshotKeeper.Policy snapshots,
                           ServerOptions api, Wire wire) {
        public Settings {
            peers = List.copyOf(peers);
        }

        /** On the binary wire. */
        public Settings(NodeConfig config, String bind, int httpPort, int peerPort, List<PeerAddress> peers,
                        String secret, Path dataDir, boolean portsFallBack, SnapshotKeeper.Policy snapshots,
                        ServerOptions api) {
            this(config, bind, httpPort, peerPort, peers, secret, dataDir, portsFallBack, snapshots, api,
                Wire.BINARY);
        }

        /** With the default snapshot policy and server limits. */
        public Settings(NodeConfig config, String bind, int httpPort, int peerPort, List<PeerAddress> peers,
                        String secret, Path dataDir, boolean portsFallBack) {
            this(config, bind, httpPort, peerPort, peers, secret, dataDir, portsFallBack,
                SnapshotKeeper.Policy.defaults(), ServerOptions.defaults());
        }
    }

    private final Settings settings;
    private final DataDirectory dataDir;
    private final SqliteEventStore store;
    /** One set of event loops for the node's peer links and its HTTP server. */
    private final EventLoopGroup eventLoops = new NioEventLoopGroup(2);
    private final PeerTransport transport;
    private final Node node;
    private final PeerEngine engine;
    private final ApiServer api;
    private final NodeHistory history;
    private final NodeMetrics metrics;

    private EmbeddedNode(Settings settings, DataDirectory dataDir, EventSink events) throws Exception {
        this.settings = settings;
        this.dataDir = dataDir;
        int peerPort = concretePort(port(settings.peerPort(), settings), settings.bind());
        NodeConfig config = settings.config();
        if (config.address().isEmpty()) {
            // Peers that learn of this node through the protocol (it joined, or they did) dial this address.
            config = config.toBuilder().address(advertisedHost(settings.bind()) + ":" + peerPort).build();
        }
        this.store = SqliteEventStore.open(dataDir.path(), config);
        this.history = NodeHistory.open(dataDir.path(), config, store, settings.snapshots());
        AtomicReference<Node> self = new AtomicReference<>();
        ClusterSecret secret = new ClusterSecret(settings.secret());
        this.transport = new PeerTransport(config.nodeId(), settings.bind(), peerPort,
            settings.peers(), secret, new PeerCodec(),
            (from, message) -> self.get().deliver(from, message),
            PeerTransport.Options.defaults().withWire(settings.wire()).withSettings(sharedSettings(config,
                settings.api())), eventLoops);
        EventTap tapped = new EventTap(events);
        this.metrics = new NodeMetrics(config.nodeId());
        tapped.subscribe(metrics);
        this.node = new Node(config, transport, store, tapped);
        node.onStorageTransactions(metrics.storage());
        metrics.watch(transport.traffic());
        int id = config.nodeId();
        node.answerHistoryWith((from, request) -> history.answer(from, request, transport, id));
        self.set(node);
        Map<Integer, String> addresses = new TreeMap<>();
        settings.peers().forEach(peer -> addresses.put(peer.id(), peer.host() + ":" + peer.port()));
        this.engine = new PeerEngine(node, addresses, () -> List.copyOf(transport.settingsConflicts().values()));
        this.api = new ApiServer(engine, settings.bind(), port(settings.httpPort(), settings), settings.api(),
            new ApiServer.Inspection(tapped, secret, engine), eventLoops)
            .withHistory(history.history(), history.past()).withMetrics(metrics::scrape);
        metrics.watch(api.traffic());
    }

    /** What every member of the cluster must share: the canvas, palette, cooldown, moderators and shards. */
    static ClusterSettings sharedSettings(NodeConfig config, ServerOptions api) {
        return ClusterSettings.of(config.width(), config.height(), config.palette().colors().stream()
            .map(color -> color.hex()).toList(), config.palette().backgroundIndex(), config.cooldownMs(),
            api.moderators()).withShards(config.shardColumns() + "x" + config.shardRows(), config.replicas());
    }

    /**
     * Opens the store (locking its directory), binds the ports, starts the node and the server. On failure,
     * everything already opened is closed again.
     */
    public static EmbeddedNode start(Settings settings, EventSink events) throws Exception {
        DataDirectory dir = settings.portsFallBack() ? DataDirectory.lockFirstFree(settings.dataDir())
            : DataDirectory.lock(settings.dataDir());
        EmbeddedNode embedded;
        try {
            embedded = new EmbeddedNode(settings, dir, events);
        } catch (Exception | Error e) {
            dir.close();
            throw e;
        }
        try {
            embedded.transport.start();
            embedded.node.start().join();
            embedded.api.start();
            return embedded;
        } catch (Exception | Error e) {
            embedded.close();
            throw e;
        }
    }

    /**
     * True when a running node (in this process or another) holds {@code dir}: a second copy of the app must not
     * run the node whose data is there.
     */
    public static boolean dataDirectoryInUse(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return false;
        }
        DataDirectory probe = DataDirectory.tryLockExisting(dir);
        if (probe == null) {
            return true;
        }
        probe.close();
        return false;
    }

    /** The preferred port, or 0 (any free port) when it is taken and the settings allow falling back. */
    private static int port(int preferred, Settings settings) {
        if (preferred == 0 || !settings.portsFallBack() || isFree(settings.bind(), preferred)) {
            return preferred;
        }
        return 0;
    }

    /** {@code port}, or for 0 a port free now: the node must know the port it advertises before it binds. */
    private static int concretePort(int port, String host) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, 0));
            return probe.getLocalPort();
        }
    }

    /** The host other machines reach this node at: the bind address, or for every interface the LAN address. */
    private static String advertisedHost(String bind) {
        return bind.equals("0.0.0.0") ? lanAddress().orElse("127.0.0.1") : bind;
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Node node() {
        return node;
    }

    /** The node as the API serves it. */
    public PeerEngine engine() {
        return engine;
    }

    public Settings settings() {
        return settings;
    }

    /** The HTTP/WebSocket port actually bound. */
    public int httpPort() {
        return api.port();
    }

    /** The peer port actually bound. */
    public int peerPort() {
        return transport.port();
    }

    /** The peer transport's counters (refused connections show a peer with the wrong secret). */
    public PeerTransport.Stats transportStats() {
        return transport.stats();
    }

    /** The canvas's history, as this node stores it. */
    public NodeHistory history() {
        return history;
    }

    /** The data directory actually used (another copy may hold the preferred one). */
    public Path dataDir() {
        return dataDir.path();
    }

    /**
     * The address a browser opens to paint through this node: listening on every interface, this machine's LAN
     * address (so it can be read out to the other players), else the bound address.
     */
    public String browserUrl() {
        return "http://" + advertisedHost(settings.bind()) + ":" + httpPort() + "/";
    }

    /** This machine's first private IPv4 address on an interface that is up, if it has one. */
    static Optional<String> lanAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(EmbeddedNode::usable)
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && address.isSiteLocalAddress())
                .map(InetAddress::getHostAddress)
                .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback() && !nic.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }

    /** Stops the server, the node and the transport, then closes the store and releases the directory. */
    @Override
    public void close() {
        try {
            api.close();
            node.close();
            transport.close();
            eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        } finally {
            try {
                history.close();
                store.close();
            } finally {
                dataDir.close();
            }
        }
    }
}
