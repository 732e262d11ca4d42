package org.distriplace.core.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a client is, for the limits per address: the connection's peer, or, when that peer is a proxy the server
 * trusts (nginx in front of several edges), the address the proxy puts in {@code X-Forwarded-For}: the rightmost
 * one that is not itself a trusted proxy, so a client cannot pass itself off as another by sending the header
 * first. From an untrusted peer the header is ignored. Recorded on the channel with each request (a WebSocket keeps
 * its handshake's). Shared by every channel of a server; thread-safe.
 */
@ChannelHandler.Sharable
final class ClientAddress extends ChannelInboundHandlerAdapter {

    static final String NAME = "client-address";
    private static final AttributeKey<SocketAddress> CLIENT = AttributeKey.valueOf("distriplace.client-address");
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final Set<String> trusted;

    ClientAddress(Set<String> trusted) {
        this.trusted = Set.copyOf(trusted);
    }

    /** The client of the channel's latest request (its peer until a request came). */
    static SocketAddress of(ChannelHandlerContext ctx) {
        SocketAddress client = ctx.channel().attr(CLIENT).get();
        return client != null ? client : ctx.channel().remoteAddress();
    }

    /** Whether {@code address} is one of the trusted proxies (they are not held to connections per address). */
    boolean trusts(InetAddress address) {
        return trusted.contains(address.getHostAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof FullHttpRequest request) {
            ctx.channel().attr(CLIENT).set(resolve(ctx.channel().remoteAddress(), request.headers()));
        }
        super.channelRead(ctx, message);
    }

    SocketAddress resolve(SocketAddress peer, HttpHeaders headers) {
        if (!(peer instanceof InetSocketAddress inet) || !trusts(inet.getAddress())) {
            return peer;
        }
        List<String> hops = headers.getAll("X-Forwarded-For").stream()
            .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // A hop the proxies would not have written: what lies beyond it is not to be believed.
                return peer;
            }
            if (!trusts(hop)) {
                return new InetSocketAddress(hop, 0);
            }
        }
        return peer;
    }

    /** The IP addresses in {@code addresses}, normalised; anything else is refused, naming it. */
    static Set<String> literals(Set<String> addresses) {
        Set<String> normalised = new HashSet<>();
        for (String address : addresses) {
            InetAddress literal = literal(address.strip());
            if (literal == null) {
                throw new IllegalArgumentException("a trusted proxy is an IP address, not '" + address + "'");
            }
            normalised.add(literal.getHostAddress());
        }
        return Set.copyOf(normalised);
    }

    /** {@code text} as an IP address if it is one written out (never a name: nothing is looked up). */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || !LITERAL.matcher(text).matches() || text.chars().noneMatch(c -> c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
