package org.distriplace.core.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} open connections from one address: one machine cannot hold thousands of sockets (and their
 * buffers) on a node. A connection over the limit is answered {@code 429} with an error object and closed before
 * anything it sent is read. Shared by every channel of a server; thread-safe.
 */
@ChannelHandler.Sharable
final class ConnectionsPerAddress extends ChannelInboundHandlerAdapter {

    private final int max;
    private final ClientAddress clients;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param clients which peers are trusted proxies: they carry many players, and are not limited */
    ConnectionsPerAddress(int max, ClientAddress clients) {
        this.max = max;
        this.clients = clients;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx);
        if (address != null && open.merge(address, 1, Integer::sum) > max) {
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.copiedBuffer(refusal(), StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx);
        if (address != null) {
            open.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
        }
        super.channelInactive(ctx);
    }

    /** Connections open now from {@code address} (over-limit ones count until they close). */
    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private String refusal() {
        String body = Responses.errorBody("TOO_MANY_CONNECTIONS", "this address has " + max + " connections open "
            + "to this node already; close some and try again").toString();
        return "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\ncontent-length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\nconnection: close\r\n\r\n" + body;
    }

    private InetAddress addressOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && !clients.trusts(inet.getAddress())
            ? inet.getAddress() : null;
    }
}
