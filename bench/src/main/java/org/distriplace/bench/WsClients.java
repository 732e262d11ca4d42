package org.distriplace.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many WebSocket clients on one small event loop group: cheap enough that the load generator measures the server,
 * not itself. Each client hands every frame, with its arrival time, to its {@link Listener}.
 */
final class WsClients implements AutoCloseable {

    /** Receives a client's frames on a Netty thread (must be quick). */
    interface Listener {
        void onText(String text, int bytes, long arrivedNanos);

        /** A binary frame (valid only during the call); ignored unless overridden. */
        default void onBinary(ByteBuf content, long arrivedNanos) {
        }
    }

    private static final int MAX_FRAME = 8 * 1024 * 1024;
    /** A client that does not read keeps a small receive buffer, so the node feels it soon. */
    private static final int NOT_READING_RECEIVE_BUFFER = 4096;

    private final EventLoopGroup group;

    WsClients(int threads) {
        this.group = new NioEventLoopGroup(threads);
    }

    /** Connects to {@code uri}; the future completes once the WebSocket handshake is done. */
    CompletableFuture<Channel> connect(URI uri, String cookie, Listener listener) {
        return connect(uri, cookie, listener, true);
    }

    /**
     * Connects to {@code uri} and reads nothing once the handshake is done (with a small receive buffer): a
     * client that never reads, as a slow or hostile one does.
     */
    CompletableFuture<Channel> connectNotReading(URI uri) {
        return connect(uri, null, (text, bytes, at) -> { }, false);
    }

    private CompletableFuture<Channel> connect(URI uri, String cookie, Listener listener, boolean reading) {
        CompletableFuture<Channel> ready = new CompletableFuture<>();
        HttpHeaders headers = new DefaultHttpHeaders();
        if (cookie != null) {
            headers.set("Cookie", cookie);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
            .customHeaders(headers).maxFramePayloadLength(MAX_FRAME).handshakeTimeoutMillis(20_000).build();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true);
        if (!reading) {
            bootstrap.option(ChannelOption.SO_RCVBUF, NOT_READING_RECEIVE_BUFFER);
        }
        bootstrap
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_FRAME),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new Handler(listener, ready, reading));
                }
            })
            .connect(uri.getHost(), uri.getPort()).addListener(done -> {
                if (!done.isSuccess()) {
                    ready.completeExceptionally(done.cause());
                }
            });
        return ready;
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Listener listener;
        private final CompletableFuture<Channel> ready;
        private final boolean reading;

        Handler(Listener listener, CompletableFuture<Channel> ready, boolean reading) {
            this.listener = listener;
            this.ready = ready;
            this.reading = reading;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.channel().config().setAutoRead(reading);
                ready.complete(ctx.channel());
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                listener.onText(text.text(), text.content().readableBytes(), System.nanoTime());
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                listener.onBinary(binary.content(), System.nanoTime());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ready.completeExceptionally(cause);
            ctx.close();
        }
    }

    static void send(Channel channel, String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
