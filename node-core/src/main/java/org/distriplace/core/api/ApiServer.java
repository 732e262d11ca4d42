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
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server of one node (Netty): {@link HttpApi} for requests, {@link WebSocketSession} on
 * {@code /ws}, and a tick that sends each WebSocket client one batch of committed pixels.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Limits of the server: request body, WebSocket frame, and the live-update tick. */
    public record Options(int maxBodyBytes, int maxWebSocketFrameBytes, long tickMs) {

        /** 64 KiB bodies and frames; live updates every 50 ms. */
        public static Options defaults() {
            return new Options(64 * 1024, 64 * 1024, 50);
        }
    }

    static final String HTTP_CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String WEBSOCKET = "websocket";
    static final String WEBSOCKET_SESSION = "websocket-session";
    static final String API = "api";

    private final Node node;
    private final String bindHost;
    private final int port;
    private final Map<Integer, String> peerAddresses;
    private final Options options;
    private final LiveClients live = new LiveClients();
    private final CanvasFrames canvases = new CanvasFrames();
    private EventLoopGroup group;
    private Channel server;

    /** @param peerAddresses how this node names its peers ({@code host:port}), for the cluster endpoint */
    public ApiServer(Node node, String bindHost, int port, Map<Integer, String> peerAddresses, Options options) {
        this.node = node;
        this.bindHost = bindHost;
        this.port = port;
        this.peerAddresses = Map.copyOf(peerAddresses);
        this.options = options;
    }

    public void start() throws InterruptedException {
        node.addPixelListener(live);
        group = new NioEventLoopGroup(2);
        WebSocketServerProtocolConfig websocket = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/ws").checkStartsWith(false).maxFramePayloadLength(options.maxWebSocketFrameBytes())
            .allowExtensions(false).handleCloseFrames(true).build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            // A room of browsers reconnects at once when a node restarts: queue them rather than drop SYNs.
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(HTTP_CODEC, new HttpServerCodec());
                    channel.pipeline().addLast(AGGREGATOR, new JsonHttpAggregator(options.maxBodyBytes()));
                    channel.pipeline().addLast(WEBSOCKET, new WebSocketServerProtocolHandler(websocket));
                    channel.pipeline().addLast(WEBSOCKET_SESSION, new WebSocketSession(node, live, canvases));
                    channel.pipeline().addLast(API, new HttpApi(node, peerAddresses));
                }
            })
            .bind(new InetSocketAddress(bindHost, port)).sync().channel();
        group.scheduleAtFixedRate(this::tick, options.tickMs(), options.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("HTTP and WebSocket API on http://{}:{}/", bindHost, port());
    }

    private void tick() {
        try {
            if (live.flush()) {
                node.call(engine -> {
                    live.all().forEach(client -> client.writeAndFlush(canvases.current(engine)));
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.error("live update tick failed", e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** WebSocket clients connected now. */
    public int liveClients() {
        return live.size();
    }

    @Override
    public void close() {
        node.removePixelListener(live);
        if (server != null) {
            server.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
