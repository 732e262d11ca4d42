package org.distriplace.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.wire.DecodeError;
import org.distriplace.core.wire.Decoded;
import org.distriplace.core.wire.PeerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the frames of an authenticated peer and hands its messages to the node. A malformed frame is counted,
 * logged (sparingly) and dropped; the connection stays up. A connection silent past the idle timeout is closed
 * (the peer redials).
 */
final class InboundMessages extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final int peer;
    private final PeerCodec codec;
    private final PeerTransport.Inbox inbox;
    private final AtomicLong received;
    private final AtomicLong malformed;
    private final PeerTraffic traffic;

    InboundMessages(int peer, PeerCodec codec, PeerTransport.Inbox inbox, AtomicLong received, AtomicLong malformed,
                    PeerTraffic traffic) {
        this.peer = peer;
        this.traffic = traffic;
        this.codec = codec;
        this.inbox = inbox;
        this.received = received;
        this.malformed = malformed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int size = frame.readableBytes();
        Decoded decoded = codec.decode(ByteBufUtil.getBytes(frame));
        if (decoded instanceof Decoded.Ok ok) {
            received.incrementAndGet();
            traffic.received(ok.message().kind(), size);
            inbox.deliver(peer, ok.message());
        } else {
            DecodeError error = ((Decoded.Failed) decoded).error();
            long count = malformed.incrementAndGet();
            if (count <= 10 || count % 1_000 == 0) {
                LOG.warn("dropped a malformed frame from peer {} ({} so far): {} {}", peer, count, error.reason(),
                    error.message());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.info("closing the idle connection from peer {}", peer);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("connection from peer {} failed: {}", peer, cause.toString());
        ctx.close();
    }
}
