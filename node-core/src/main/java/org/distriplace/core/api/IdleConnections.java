package org.distriplace.core.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes connections the node has heard nothing on for a while: an HTTP connection left open (or opened and never
 * used), and a player's WebSocket whose browser stopped pinging (the page pings every 20 s). Inspectors only listen,
 * so their streams are left alone. Shared by every channel of a server.
 */
@ChannelHandler.Sharable
final class IdleConnections extends ChannelInboundHandlerAdapter {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            super.userEventTriggered(ctx, event);
            return;
        }
        ChannelHandler session = ctx.pipeline().get(ApiServer.WEBSOCKET_SESSION);
        if (session instanceof InspectSession) {
            return;
        }
        if (session != null) {
            // From the pipeline's tail: the frame must pass through the WebSocket encoder, which sits after this.
            ctx.channel().writeAndFlush(new CloseWebSocketFrame(1001, "idle: nothing heard from this client"))
                .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
