package org.distriplace.core.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A slow link for an {@code EmbeddedChannel}: every write reaches the outbound queue, but its promise is held
 * (the write "has not left for the socket") until {@link #releaseOne()}. Void promises pass straight through.
 */
final class HeldWrites extends ChannelOutboundHandlerAdapter {

    private final Deque<ChannelPromise> held = new ArrayDeque<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (promise.isVoid()) {
            ctx.write(msg, promise);
        } else {
            held.add(promise);
            ctx.write(msg);
        }
    }

    /** Completes the oldest held write; false when none is held. */
    boolean releaseOne() {
        ChannelPromise next = held.poll();
        if (next == null) {
            return false;
        }
        next.setSuccess();
        return true;
    }

    int held() {
        return held.size();
    }
}
