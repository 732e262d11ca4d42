package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.distriplace.core.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the handshake: challenges the dialer and, once it proved it holds the cluster secret (and
 * names a peer id other than this node's), replaces itself with the handler that delivers the dialer's messages.
 * Anything else is refused, counted, logged (the first ten, then one in a thousand) and the connection closed:
 * nothing from an unproven peer reaches the node.
 */
final class AcceptorHandshake extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptorHandshake.class);

    private final int self;
    private final ClusterSecret secret;
    private final long timeoutMs;
    private final IntFunction<InboundMessages> inboundFor;
    private final LongSupplier refusals;
    private final IntConsumer onAccepted;
    private final String nonce = ClusterSecret.nonce();
    private final Wire wire;
    private final SettingsAgreement settings;

    /**
     * @param wire     the form this node takes messages in (binary when the dialer asks for it too)
     * @param settings this node's cluster-wide settings, which a dialer's must equal
     */
    AcceptorHandshake(int self, ClusterSecret secret, long timeoutMs,
                      IntFunction<InboundMessages> inboundFor, LongSupplier refusals,
                      IntConsumer onAccepted, Wire wire, SettingsAgreement settings) {
        this.self = self;
        this.wire = wire;
        this.settings = settings;
        this.secret = secret;
        this.timeoutMs = timeoutMs;
        this.inboundFor = inboundFor;
        this.refusals = refusals;
        this.onAccepted = onAccepted;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Handshake.challenge(self, nonce));
        ctx.executor().schedule(() -> {
            if (ctx.pipeline().get(PeerPipeline.HANDSHAKE) == this) {
                refuse(ctx, "no handshake within " + timeoutMs + " ms");
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        Optional<JsonNode> hello = Handshake.parse(frame);
        if (hello.isEmpty() || !Handshake.HELLO.equals(hello.get().path("type").asText())) {
            refuse(ctx, "expected HELLO");
            return;
        }
        JsonNode message = hello.get();
        int dialer = message.path("node_id").asInt(0);
        String dialerNonce = message.path("nonce").asText("");
        if (dialer < 1 || dialer == self) {
            refuse(ctx, "node " + dialer + " is not a valid peer id here");
            return;
        }
        if (dialerNonce.length() < 16 || !MutualChallenge.PEERS.isAnswer(secret, message.path("proof").asText(null),
            nonce, dialerNonce, self, dialer)) {
            refuse(ctx, "node " + dialer + " did not prove the cluster secret");
            return;
        }
        String proof = MutualChallenge.PEERS.accept(secret, nonce, dialerNonce, self, dialer);
        Optional<String> differ = settings.refusal(dialer, message);
        if (differ.isPresent()) {
            // Proven to a dialer that holds the secret, so that only such a dialer takes the refusal's word for it.
            refuse(ctx, differ.get(), proof);
        } else {
            settings.agreed(dialer);
            ctx.writeAndFlush(Handshake.accepted(self, proof, Handshake.agreed(message, wire)));
            ctx.pipeline().replace(this, PeerPipeline.MESSAGES, inboundFor.apply(dialer));
            LOG.info("peer {} connected from {}", dialer, ctx.channel().remoteAddress());
            onAccepted.accept(dialer);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        refuse(ctx, reason, null);
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String proof) {
        long count = refusals.getAsLong();
        // Sparingly: a stranger knocking on the peer port must not be able to fill the node's log.
        if (count <= 10 || count % 1_000 == 0) {
            LOG.warn("refused peer connection from {} ({} so far): {}", ctx.channel().remoteAddress(), count,
                reason);
        }
        ctx.writeAndFlush(Handshake.denied(reason, proof)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("peer handshake from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
