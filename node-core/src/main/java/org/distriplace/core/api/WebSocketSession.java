package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.read.ReadView;
import org.distriplace.core.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket, the r/place protocol: on connect the server sends {@code welcome} then {@code canvas};
 * after that {@code pixels} batches (JSON text frames, or binary ones for a client that connects to
 * {@code /ws?pixels=binary}: see {@link PixelFrames}). The client sends {@code place} (answered by {@code success}
 * or {@code error}) and {@code ping} (answered by {@code pong}). Bad frames get an {@code error} and change nothing.
 */
final class WebSocketSession extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);

    private final Engine node;
    private final LiveClients live;
    private final ClientPolicy policy;
    private String user;
    private boolean forged;

    WebSocketSession(Engine node, LiveClients live, ClientPolicy policy) {
        this.node = node;
        this.live = live;
        this.policy = policy;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
            ClientIdentity.Identity identity = policy.identities().of(handshake.requestHeaders(),
                ClientAddress.of(ctx), false);
            user = identity.userId();
            forged = identity.forged();
            live.join(ctx.channel(), this::welcome, wantsBinaryPixels(handshake.requestUri()));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Whether the client connected to {@code /ws?pixels=binary}: its pixels then come as binary frames. */
    static boolean wantsBinaryPixels(String uri) {
        List<String> pixels = new QueryStringDecoder(uri).parameters().get("pixels");
        return pixels != null && pixels.contains("binary");
    }

    /**
     * The cooldown left after a placement, on this node's clock: the page counts it down from the answer, where
     * {@code nextPlacement} (a time on the leader's clock) would need the browser's clock to agree.
     */
    static long remainingMs(long nextPlacementAt) {
        return Math.max(0, nextPlacementAt - System.currentTimeMillis());
    }

    /** The {@code welcome} frame for a client joining at {@code view}: its id, cooldown and the canvas's shape. */
    private ObjectNode welcome(ReadView view) {
        long remainingMs = view.cooldownRemainingMs(user, System.currentTimeMillis());
        ObjectNode welcome = Responses.JSON.createObjectNode().put("type", "welcome").put("userId", user)
            .put("cooldownRemaining", (remainingMs + 999) / 1000);
        welcome.set("canvasInfo", CanvasViews.info(node.settings()));
        return welcome;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            reply(ctx, error("BAD_REQUEST", "send JSON text frames", null, 0));
            return;
        }
        PlayerMessage message = PlayerMessage.parse(text.text());
        if (message instanceof PlayerMessage.Ping) {
            reply(ctx, Responses.JSON.createObjectNode().put("type", "pong"));
        } else if (message instanceof PlayerMessage.Place place) {
            place(ctx, place);
        } else {
            PlayerMessage.Refused refused = (PlayerMessage.Refused) message;
            reply(ctx, error(refused.code(), refused.message(), refused.requestId(), 0));
        }
    }

    private void place(ChannelHandlerContext ctx, PlayerMessage.Place place) {
        JsonNode requestId = place.requestId();
        if (!policy.placements().tryTake(ClientAddress.of(ctx))) {
            reply(ctx, error(ClientPolicy.RATE_LIMITED, policy.rateLimitedMessage(), requestId, 1));
            return;
        }
        if (forged) {
            reply(ctx, error("BAD_SESSION", "this session was not issued by this cluster: reload the page for a new "
                + "one", requestId, 0));
            return;
        }
        // Answered on this channel's event loop: the node's thread builds no JSON and writes no frames.
        node.place(user, place.x(), place.y(), place.color()).whenCompleteAsync((result, failure) -> {
            if (result != null) {
                ObjectNode success = Responses.JSON.createObjectNode().put("type", "success")
                    .put("nextPlacement", result.nextPlacementAt())
                    .put("remainingMs", remainingMs(result.nextPlacementAt()));
                success.set("requestId", requestId);
                reply(ctx, success);
            } else if (failure instanceof PlaceException refused) {
                reply(ctx, error(refused.code().name(), refused.getMessage(), requestId, refused.remainingSeconds()));
            } else {
                LOG.warn("placement failed unexpectedly", failure);
                reply(ctx, error(PlaceError.NOT_READY.name(), "the node could not take the placement", requestId, 0));
            }
        }, ctx.executor());
    }

    private static ObjectNode error(String code, String message, JsonNode requestId, long remainingSeconds) {
        ObjectNode error = Responses.JSON.createObjectNode().put("type", "error").put("code", code)
            .put("message", message);
        if (requestId != null) {
            error.set("requestId", requestId);
        }
        if (remainingSeconds > 0) {
            error.put("remainingSeconds", remainingSeconds);
        }
        return error;
    }

    private static void reply(ChannelHandlerContext ctx, ObjectNode message) {
        ctx.writeAndFlush(frame(message));
    }

    private static TextWebSocketFrame frame(ObjectNode message) {
        return new TextWebSocketFrame(message.toString());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("websocket from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
