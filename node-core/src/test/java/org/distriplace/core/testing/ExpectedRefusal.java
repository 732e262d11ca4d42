package org.distriplace.core.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of a fuzz target's pipeline: swallows the one exception a decoder raises to refuse its input
 * (the server then closes the connection), so that any other exception reaches the channel and is a finding.
 */
public final class ExpectedRefusal extends ChannelInboundHandlerAdapter {

    private final Class<? extends Throwable> refusal;

    public ExpectedRefusal(Class<? extends Throwable> refusal) {
        this.refusal = refusal;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!refusal.isInstance(cause)) {
            ctx.fireExceptionCaught(cause);
        }
    }
}
