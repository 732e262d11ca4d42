package org.distriplace.core.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.function.Supplier;

/**
 * Sends a connection's request for a WebSocket path to its protocol: {@code /ws} to the r/place session, and
 * {@link InspectProtocol#PATH} to a remote inspector (when the node offers inspection). On the first such request
 * this handler puts the WebSocket handshake and the session in its own place; other requests pass on to the HTTP
 * API untouched.
 */
final class WebSocketRoutes extends ChannelInboundHandlerAdapter {

    static final String PLACE_PATH = "/ws";

    private final int maxFrameBytes;
    private final Supplier<ChannelHandler> placeSession;
    private final Supplier<ChannelHandler> inspectSession;

    /** @param inspectSession null when this node does not stream its events */
    WebSocketRoutes(int maxFrameBytes, Supplier<ChannelHandler> placeSession, Supplier<ChannelHandler> inspectSession) {
        this.maxFrameBytes = maxFrameBytes;
        this.placeSession = placeSession;
        this.inspectSession = inspectSession;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String path = msg instanceof FullHttpRequest request ? new QueryStringDecoder(request.uri()).path() : "";
        if (path.equals(PLACE_PATH)) {
            route(ctx, msg, path, placeSession.get());
        } else if (path.equals(InspectProtocol.PATH) && inspectSession != null) {
            route(ctx, msg, path, inspectSession.get());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Puts the handshake and the session after this handler, lets the request flow into them, then steps aside.
     * (The protocol handler adds its handshake handler just before itself, so it sits right after this one.)
     */
    private void route(ChannelHandlerContext ctx, Object request, String path, ChannelHandler session) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(path).checkStartsWith(true).maxFramePayloadLength(maxFrameBytes)
            .allowExtensions(false).handleCloseFrames(true).build();
        RequestDeadline.stepAside(ctx.pipeline());
        ctx.pipeline().addAfter(ctx.name(), ApiServer.WEBSOCKET, new WebSocketServerProtocolHandler(config));
        ctx.pipeline().addAfter(ApiServer.WEBSOCKET, ApiServer.WEBSOCKET_SESSION, session);
        ctx.fireChannelRead(request);
        ctx.pipeline().remove(this);
    }
}
