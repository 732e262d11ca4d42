package org.distriplace.core.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.history.History;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server of one node (Netty): {@link HttpApi} for requests, {@link WebSocketSession} on
 * {@code /ws}, a tick that sends each WebSocket client one batch of committed pixels, and, when the node offers it,
 * the remote inspection stream on {@code /inspect} ({@link InspectProtocol}).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * What remote inspectors are streamed: this node's events (tapped) and the secret they must prove they hold.
     */
    public record Inspection(EventTap events, ClusterSecret secret) {
    }

    /** History reads waiting beyond this many are refused (503 BUSY): no client grows the queue without end. */
    static final int HISTORY_QUEUE = 64;
    /** Logins and registrations waiting for the password thread; more are answered 503. */
    static final int PASSWORD_QUEUE = 16;

    /** Reports go to remote inspectors this often. */
    static final long REPORT_EVERY_MS = 250;

    static final String LIMIT = "connections-per-address";
    static final String IDLE = "idle";
    static final String IDLE_CLOSER = "idle-closer";
    private static final IdleConnections IDLE_CONNECTIONS = new IdleConnections();
    static final String HTTP_CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String ROUTES = "websocket-routes";
    static final String WEBSOCKET = "websocket";
    static final String WEBSOCKET_SESSION = "websocket-session";
    static final String API = "api";

    private final Node node;
    private final String bindHost;
    private final int port;
    private final Map<Integer, String> peerAddresses;
    private final ServerOptions options;
    private final CanvasEncodings encodings;
    private final LiveClients live;
    private final Inspectors inspectors;
    private final MembersApi members;
    private HistoryApi history;
    private final HealthApi health;
    private final ConnectionsPerAddress connections;
    private final ClientPolicy clients;
    private Supplier<String> metrics;
    private ThreadPoolExecutor historyReaders;
    private final ThreadPoolExecutor passwordHashing;
    private final AuthApi auth;
    private ModerationApi moderation;
    private ThreadPoolExecutor timelapseRenderer;
    private final boolean ownsGroup;
    private EventLoopGroup group;
    private Channel server;

    /** A server without remote inspection, on event loops of its own. */
    public ApiServer(Node node, String bindHost, int port, Map<Integer, String> peerAddresses, ServerOptions options) {
        this(node, bindHost, port, peerAddresses, options, null, null);
    }

    /**
     * @param peerAddresses how this node names its peers ({@code host:port}), for the cluster endpoint
     * @param inspection    null to refuse remote inspectors and operators ({@code /inspect} and
     *                      {@code /api/v1/members/...} are then not found)
     * @param group         the node's event loops, shared with its peer transport and left running on close; null
     *                      for loops of the server's own
     */
    public ApiServer(Node node, String bindHost, int port, Map<Integer, String> peerAddresses, ServerOptions options,
                     Inspection inspection, EventLoopGroup group) {
        this.node = node;
        this.bindHost = bindHost;
        this.port = port;
        this.peerAddresses = Map.copyOf(peerAddresses);
        this.options = options;
        this.encodings = new CanvasEncodings(node::view);
        this.health = new HealthApi(node, System::currentTimeMillis);
        this.connections = new ConnectionsPerAddress(options.maxConnectionsPerAddress());
        // Guests are signed with the cluster secret, so any member verifies any member's; a node without one
        // (tests) signs with a key of its own.
        this.clients = new ClientPolicy(new ClientIdentity(inspection != null ? inspection.secret()
            : new ClusterSecret(ClusterSecret.nonce()), System::currentTimeMillis, options.sessionsPerHour()),
            AddressRate.perSecond(options.placementsPerSecond(), System::nanoTime));
        this.live = new LiveClients(node::view, options.clientBacklogBytes(),
            inspection == null ? EventSink.NONE : inspection.events(), node.id());
        // One thread: PBKDF2 is slow on purpose, and the node's thread needs the other core. A few wait; more are
        // answered 503 (each address is limited too).
        this.passwordHashing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PASSWORD_QUEUE), task -> {
                Thread thread = new Thread(task, "password-hashing");
                thread.setDaemon(true);
                return thread;
            });
        this.auth = new AuthApi(node, clients.identities(), new AddressRate(options.loginsPerMinute(),
            AddressRate.MINUTE_NANOS, System::nanoTime), passwordHashing, options.moderators());
        this.moderation = new ModerationApi(node, auth, null);
        this.inspectors = inspection == null ? null : new Inspectors(inspection.events(), inspection.secret());
        this.members = inspection == null ? null
            : new MembersApi(node, inspection.secret(), new OperatorNonces(System::currentTimeMillis));
        this.ownsGroup = group == null;
        this.group = group;
    }

    /**
     * Serves {@code /api/v1/history/...} from {@code history} and the canvas's {@code past} (call before
     * {@link #start}). Its reads run on two threads of their own, with at most {@link #HISTORY_QUEUE} waiting;
     * timelapses on one more, one at a time.
     */
    public ApiServer withHistory(History history, TimeMachine past) {
        historyReaders = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(HISTORY_QUEUE), task -> {
                Thread thread = new Thread(task, "history-reader");
                thread.setDaemon(true);
                return thread;
            });
        timelapseRenderer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
            task -> {
                Thread thread = new Thread(task, "history-timelapse");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });
        NodeConfig config = node.config();
        TimelapseApi timelapse = new TimelapseApi(history,
            new Timelapse(past, config.width(), config.height(), config.palette()), config, timelapseRenderer);
        this.history = new HistoryApi(history, past, config, historyReaders, timelapse);
        this.moderation = new ModerationApi(node, auth, new Rollbacks(node, history, past, historyReaders));
        return this;
    }

    /** What the WebSocket clients cost this node (for metrics). */
    public ApiTraffic traffic() {
        return live.traffic();
    }

    /**
     * Serves {@code GET /metrics} with what {@code scrape} returns: Prometheus' text format (call before
     * {@link #start}).
     */
    public ApiServer withMetrics(Supplier<String> scrape) {
        this.metrics = scrape;
        return this;
    }

    /**
     * Lets {@code /readyz} name the peers refused because their cluster-wide settings differ from this node's
     * (each a sentence; see {@code PeerTransport.settingsConflicts}).
     */
    public ApiServer withPeerConflicts(Supplier<List<String>> conflicts) {
        health.conflicts(conflicts);
        return this;
    }

    public void start() throws InterruptedException {
        node.addPixelListener(live);
        if (ownsGroup) {
            group = new NioEventLoopGroup(2);
        }
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            // A room of browsers reconnects at once when a node restarts: queue them rather than drop SYNs.
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // A channel is unwritable past a client's backlog: the live updates then disconnect it (LiveClients).
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                options.clientBacklogBytes() / 2, options.clientBacklogBytes()))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(LIMIT, connections);
                    channel.pipeline().addLast(IDLE, new IdleStateHandler(options.idleSeconds(), 0, 0));
                    channel.pipeline().addLast(IDLE_CLOSER, IDLE_CONNECTIONS);
                    RequestDeadline deadline = new RequestDeadline(options.requestSeconds());
                    channel.pipeline().addLast(RequestDeadline.START, deadline);
                    channel.pipeline().addLast(HTTP_CODEC, new HttpServerCodec());
                    channel.pipeline().addLast(AGGREGATOR, new JsonHttpAggregator(options.maxBodyBytes()));
                    channel.pipeline().addLast(RequestDeadline.MET, deadline.met());
                    channel.pipeline().addLast(ROUTES, new WebSocketRoutes(options.maxWebSocketFrameBytes(),
                        () -> new WebSocketSession(node, live, clients),
                        inspectors == null ? null : () -> new InspectSession(node.id(), inspectors, node)));
                    channel.pipeline().addLast(API, new HttpApi(node, peerAddresses, encodings, members, history,
                        health, metrics, clients, auth, moderation));
                }
            })
            .bind(new InetSocketAddress(bindHost, port)).sync().channel();
        group.scheduleAtFixedRate(this::tick, options.tickMs(), options.tickMs(), TimeUnit.MILLISECONDS);
        if (inspectors != null) {
            group.scheduleAtFixedRate(this::reportToInspectors, REPORT_EVERY_MS, REPORT_EVERY_MS,
                TimeUnit.MILLISECONDS);
        }
        LOG.info("HTTP and WebSocket API on http://{}:{}/", bindHost, port());
    }

    private void tick() {
        try {
            live.flush();
            if (inspectors != null) {
                inspectors.flush();
            }
        } catch (RuntimeException e) {
            LOG.error("live update tick failed", e);
        }
    }

    private void reportToInspectors() {
        if (!inspectors.isEmpty()) {
            // Encoded on an event loop: the node's thread only takes the snapshot.
            node.report().thenAcceptAsync(inspectors::report, group);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Remote inspectors streaming now. */
    public int inspectors() {
        return inspectors == null ? 0 : inspectors.size();
    }

    @Override
    public void close() {
        node.removePixelListener(live);
        if (server != null) {
            server.close();
        }
        if (group != null && ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        encodings.release();
        passwordHashing.shutdownNow();
        if (historyReaders != null) {
            historyReaders.shutdownNow();
            timelapseRenderer.shutdownNow();
        }
    }
}
