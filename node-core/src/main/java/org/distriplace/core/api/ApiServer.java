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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.engine.Engine;
import org.distriplace.core.engine.PeerControls;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.PastReads;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.net.ClusterSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server of one node or edge (Netty), over its {@link Engine}: {@link HttpApi} for
 * requests, {@link WebSocketSession} on {@code /ws}, a tick that sends each WebSocket client one batch of committed
 * pixels, and, where a peer offers it, the remote inspection stream on {@code /inspect} ({@link InspectProtocol}).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * What a peer offers that an edge does not: remote inspectors streamed this node's events (tapped), the secret
     * they and operators must prove they hold, and the node's controls (the teacher's faults, member removal).
     */
    public record Inspection(EventTap events, ClusterSecret secret, PeerControls peer) {
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

    private final Engine engine;
    private final String bindHost;
    private final int port;
    private final ServerOptions options;
    private final CanvasEncodings encodings;
    private final LiveClients live;
    private final PeerControls peer;
    private final Inspectors inspectors;
    private final MembersApi members;
    private HistoryApi history;
    private final HealthApi health;
    private final ClientAddress clientAddresses;
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

    /** A server without remote inspection, signing sessions with a key of its own, on event loops of its own. */
    public ApiServer(Engine engine, String bindHost, int port, ServerOptions options) {
        this(engine, bindHost, port, options, null, null, null);
    }

    /** A peer's server: sessions are signed with the cluster secret the inspection holds. */
    public ApiServer(Engine engine, String bindHost, int port, ServerOptions options, Inspection inspection,
                     EventLoopGroup group) {
        this(engine, bindHost, port, options, inspection == null ? null : inspection.secret(), inspection, group);
    }

    /**
     * @param sessionKey signs guests' and players' sessions: the key every server of the canvas shares, so any of
     *                   them verifies any one's; null for a key of this server's own (tests)
     * @param inspection null to refuse remote inspectors and operators ({@code /inspect} and
     *                   {@code /api/v1/members/...} are then not found): an edge has none
     * @param group      event loops shared with the engine and left running on close; null for loops of the
     *                   server's own
     */
    public ApiServer(Engine engine, String bindHost, int port, ServerOptions options, ClusterSecret sessionKey,
                     Inspection inspection, EventLoopGroup group) {
        this.engine = engine;
        this.bindHost = bindHost;
        this.port = port;
        this.options = options;
        this.encodings = new CanvasEncodings(engine::view);
        this.health = new HealthApi(engine, System::currentTimeMillis);
        this.clientAddresses = new ClientAddress(options.trustedProxies());
        this.connections = new ConnectionsPerAddress(options.maxConnectionsPerAddress(), clientAddresses);
        this.clients = new ClientPolicy(new ClientIdentity(sessionKey != null ? sessionKey
            : new ClusterSecret(ClusterSecret.nonce()), System::currentTimeMillis, options.sessionsPerHour()),
            AddressRate.perSecond(options.placementsPerSecond(), System::nanoTime));
        this.live = new LiveClients(engine::view, options.clientBacklogBytes(),
            inspection == null ? EventSink.NONE : inspection.events(), engine.id());
        // One thread: PBKDF2 is slow on purpose, and the node's thread needs the other core. A few wait; more are
        // answered 503 (each address is limited too).
        this.passwordHashing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PASSWORD_QUEUE), task -> {
                Thread thread = new Thread(task, "password-hashing");
                thread.setDaemon(true);
                return thread;
            });
        this.auth = new AuthApi(engine, clients.identities(), new AddressRate(options.loginsPerMinute(),
            AddressRate.MINUTE_NANOS, System::nanoTime), passwordHashing, options.moderators());
        this.moderation = new ModerationApi(engine, auth, null);
        this.peer = inspection == null ? null : inspection.peer();
        this.inspectors = inspection == null ? null : new Inspectors(inspection.events(), inspection.secret());
        this.members = inspection == null ? null
            : new MembersApi(peer, inspection.secret(), new OperatorNonces(System::currentTimeMillis));
        this.ownsGroup = group == null;
        this.group = group;
    }

    /**
     * Serves {@code /api/v1/history/...} from {@code history} and the canvas's {@code past} (call before
     * {@link #start}). Its reads run on two threads of their own, with at most {@link #HISTORY_QUEUE} waiting;
     * timelapses on one more, one at a time.
     */
    public ApiServer withHistory(HistoryReads history, PastReads past) {
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
        CanvasSettings config = engine.settings();
        TimelapseApi timelapse = new TimelapseApi(history,
            new Timelapse(past, config.width(), config.height(), config.palette()), config, historyReaders,
            timelapseRenderer);
        this.history = new HistoryApi(history, past, config, historyReaders, timelapse);
        this.moderation = new ModerationApi(engine, auth, new Rollbacks(engine, history, past, historyReaders));
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

    public void start() throws InterruptedException {
        engine.addPixelListener(live);
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
                    channel.pipeline().addLast(ClientAddress.NAME, clientAddresses);
                    channel.pipeline().addLast(RequestDeadline.MET, deadline.met());
                    channel.pipeline().addLast(ROUTES, new WebSocketRoutes(options.maxWebSocketFrameBytes(),
                        () -> new WebSocketSession(engine, live, clients),
                        inspectors == null ? null : () -> new InspectSession(peer.id(), inspectors, peer)));
                    channel.pipeline().addLast(API, new HttpApi(engine, encodings, members, history, health,
                        metrics, clients, auth, moderation));
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
            peer.report().thenAcceptAsync(inspectors::report, group);
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
        engine.removePixelListener(live);
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
