package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.engine.PeerControls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote inspector's WebSocket on {@link InspectProtocol#PATH}: the challenge, the check of the client's proof,
 * then the stream, and a teacher's commands ({@link TeacherControl}), each checked on its own. A client that does
 * not prove the secret within {@link #PROOF_TIMEOUT_MS} is closed, and one that proves it wrong is denied and
 * closed; neither is ever sent an event.
 */
final class InspectSession extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(InspectSession.class);
    static final long PROOF_TIMEOUT_MS = 10_000;

    private final int nodeId;
    private final Inspectors inspectors;
    private final PeerControls node;
    private String clientNonce;
    private long lastControl;
    private final String nonce = ClusterSecret.nonce();
    private ScheduledFuture<?> proofDeadline;
    private boolean streaming;

    /** @param node the node a teacher's commands go to, or null where none are taken */
    InspectSession(int nodeId, Inspectors inspectors, PeerControls node) {
        this.nodeId = nodeId;
        this.inspectors = inspectors;
        this.node = node;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            send(ctx, json(InspectProtocol.CHALLENGE).put("node_id", nodeId).put("nonce", nonce));
            proofDeadline = ctx.executor().schedule(() -> deny(ctx, "no proof of the cluster secret in time"),
                PROOF_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (streaming) {
            control(ctx, parse(frame));
            return;
        }
        JsonNode hello = parse(frame);
        if (hello == null || !InspectProtocol.HELLO.equals(hello.path("type").asText())
            || !hello.path("nonce").isTextual() || !hello.path("proof").isTextual()) {
            deny(ctx, "expected {\"type\":\"hello\",\"nonce\":…,\"proof\":…}");
            return;
        }
        clientNonce = hello.get("nonce").asText();
        ClusterSecret secret = inspectors.secret();
        if (!MutualChallenge.INSPECTORS.isAnswer(secret, hello.get("proof").asText(), nonce, clientNonce, nodeId)) {
            LOG.warn("remote inspector at {} refused: wrong cluster secret", ctx.channel().remoteAddress());
            deny(ctx, "wrong cluster secret");
            return;
        }
        proofDeadline.cancel(false);
        if (!inspectors.add(ctx.channel())) {
            deny(ctx, "this node streams to " + Inspectors.MAX_INSPECTORS + " inspectors already");
            return;
        }
        streaming = true;
        send(ctx, json(InspectProtocol.ACCEPTED).put("node_id", nodeId)
            .put("proof", MutualChallenge.INSPECTORS.accept(secret, nonce, clientNonce, nodeId)));
        LOG.info("remote inspector at {} is watching", ctx.channel().remoteAddress());
    }

    /**
     * A teacher's command, on the proven channel: done only if its own proof holds and its sequence number rises
     * (nothing injected or replayed); answered either way, and anything else is ignored.
     */
    private void control(ChannelHandlerContext ctx, JsonNode message) {
        Optional<TeacherControl> command = message == null ? Optional.empty() : TeacherControl.parse(message);
        if (command.isEmpty()) {
            return;
        }
        TeacherControl c = command.get();
        String refused = node == null ? "this node takes no commands"
            : c.seq() <= lastControl ? "a command's number must rise (replayed?)"
            : !inspectors.secret().verify(message.get("proof").asText(), "INSPECT-CONTROL", nodeId, nonce,
                clientNonce, c.seq(), c.canonical()) ? "the command's proof does not match this cluster's secret"
            : null;
        ObjectNode done = json(TeacherControl.DONE).put("seq", c.seq()).put("ok", refused == null);
        if (refused != null) {
            LOG.warn("refused a command from the inspector at {}: {}", ctx.channel().remoteAddress(), refused);
            done.put("reason", refused);
        } else {
            lastControl = c.seq();
            c.apply(node);
            LOG.info("the inspector at {} told this node to {} {}", ctx.channel().remoteAddress(), c.action(),
                c.action().equals("cut") ? c.peers() : c.action().equals("link") ? "n" + c.peer() : "");
        }
        if (node != null) {
            // A resume takes effect on the node's thread a moment later: the answer says what was asked.
            boolean paused = refused == null && c.action().equals("resume") ? false : node.isPaused();
            ObjectNode state = done.putObject("state").put("paused", paused)
                .put("links", !node.cutOffPeers().isEmpty() || !node.degradedPeers().isEmpty());
            ArrayNode cut = state.putArray("cutOff");
            node.cutOffPeers().stream().sorted().forEach(cut::add);
        }
        send(ctx, done);
    }

    private static JsonNode parse(WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return null;
        }
        try {
            JsonNode node = Responses.JSON.readTree(text.text());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void deny(ChannelHandlerContext ctx, String reason) {
        if (proofDeadline != null) {
            proofDeadline.cancel(false);
        }
        send(ctx, json(InspectProtocol.DENIED).put("reason", reason));
        ctx.writeAndFlush(new CloseWebSocketFrame(InspectProtocol.CLOSE_DENIED, reason))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private static ObjectNode json(String type) {
        return Responses.JSON.createObjectNode().put("type", type);
    }

    private static void send(ChannelHandlerContext ctx, ObjectNode message) {
        ctx.writeAndFlush(new TextWebSocketFrame(message.toString()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (proofDeadline != null) {
            proofDeadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("inspector websocket from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
