package org.distriplace.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's fan-out ceiling: a bare Netty WebSocket server that does nothing but push a small frame (the size
 * of a one-pixel {@code pixels} batch) to every connected client as fast as they take it, with the clients in the
 * same process, as the benchmark's observers are. Frames delivered per second is the number every fan-out figure
 * is compared with.
 */
final class Calibration {

    private static final byte[] FRAME =
        "{\"type\":\"pixels\",\"events\":[{\"x\":123,\"y\":456,\"color\":\"#FF4500\"}]}".getBytes(StandardCharsets.UTF_8);

    private Calibration() {
    }

    /** Frames per second delivered to {@code clients} WebSocket clients over {@code seconds}. */
    static double framesPerSecond(int clients, double seconds) throws Exception {
        EventLoopGroup serverGroup = new NioEventLoopGroup(2);
        Set<Channel> connected = ConcurrentHashMap.newKeySet();
        LongAdder received = new LongAdder();
        Pump pump = new Pump();
        try (WsClients clientGroup = new WsClients(2)) {
            Channel server = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                            new WebSocketServerProtocolHandler("/ws"), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                        connected.add(ctx.channel());
                                    }
                                }

                                @Override
                                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                                    pump.fill(ctx.channel());
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close(); // clients leaving at the end of the run
                                }
                            });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            URI uri = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
            List<java.util.concurrent.CompletableFuture<Channel>> joining = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                joining.add(clientGroup.connect(uri, null, (text, bytes, at) -> received.increment()));
            }
            for (var client : joining) {
                client.get(20, TimeUnit.SECONDS);
            }
            received.reset();
            long start = System.nanoTime();
            pump.until = start + (long) (seconds * 1e9);
            connected.forEach(channel -> channel.eventLoop().execute(() -> pump.fill(channel)));
            Thread.sleep((long) (seconds * 1000));
            return received.sum() / ((System.nanoTime() - start) / 1e9);
        } finally {
            serverGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Fills a connection on its own event loop while it takes frames, and again whenever it becomes writable: as
     * fast as the client reads, with no hand-off between threads per frame.
     */
    private static final class Pump {
        private final ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(FRAME));
        volatile long until;

        void fill(Channel channel) {
            if (System.nanoTime() >= until || !channel.isActive()) {
                return;
            }
            // One flush per frame, as the nodes send (one pixels frame per client per tick); batching many frames
            // into one flush would measure a ceiling no broadcaster of small, timely updates can reach.
            int burst = 0;
            while (channel.isWritable() && burst < 64) {
                channel.writeAndFlush(new TextWebSocketFrame(frame.duplicate()), channel.voidPromise());
                burst++;
            }
            if (channel.isWritable()) {
                channel.eventLoop().execute(() -> fill(channel));
            }
        }
    }
}
