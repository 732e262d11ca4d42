package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Optional;
import org.distriplace.core.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialing side of the handshake: answers the acceptor's CHALLENGE with HELLO, checks the acceptor's proof in
 * ACCEPTED, then tells the link it may send. A DENIED (wrong secret, not a member) is logged as an error.
 */
final class DialerHandshake extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(DialerHandshake.class);

    private final int self;
    private final int peer;
    private final ClusterSecret secret;
    private final OutboundLink link;
    private final Wire wire;
    private final SettingsAgreement settings;
    private final String nonce = ClusterSecret.nonce();
    private String acceptorNonce;

    /**
     * @param wire     the form this node would send its messages in
     * @param settings this node's cluster-wide settings, sent for the acceptor to compare
     */
    DialerHandshake(int self, int peer, ClusterSecret secret, OutboundLink link, Wire wire,
                    SettingsAgreement settings) {
        this.self = self;
        this.wire = wire;
        this.settings = settings;
        this.peer = peer;
        this.secret = secret;
        this.link = link;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        Optional<JsonNode> parsed = Handshake.parse(frame);
        String type = parsed.map(node -> node.path("type").asText()).orElse("");
        JsonNode message = parsed.orElse(null);
        if (acceptorNonce == null && Handshake.CHALLENGE.equals(type)) {
            onChallenge(ctx, message);
        } else if (acceptorNonce != null && Handshake.ACCEPTED.equals(type)) {
            onAccepted(ctx, message);
        } else if (Handshake.DENIED.equals(type)) {
            String reason = SettingsAgreement.printable(message.path("reason").asText());
            if (acceptorNonce != null && MutualChallenge.PEERS.isAccept(secret, message.path("proof").asText(null),
                acceptorNonce, nonce, peer, self)) {
                settings.refusedBy(peer, reason);
            }
            LOG.error("peer {} refused this node: {}{}", peer, reason, reason.startsWith(SettingsAgreement.REFUSAL)
                ? "" : " (is the cluster secret the same?)");
            ctx.close();
        } else {
            LOG.warn("peer {} sent an unexpected handshake frame; closing", peer);
            ctx.close();
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, JsonNode challenge) {
        if (challenge.path("node_id").asInt(0) != peer) {
            LOG.error("expected node {} but {} answered at its address", peer, challenge.path("node_id").asInt(0));
            ctx.close();
            return;
        }
        acceptorNonce = challenge.path("nonce").asText("");
        ctx.writeAndFlush(Handshake.hello(self, nonce, MutualChallenge.PEERS.answer(secret, acceptorNonce, nonce, peer,
            self), wire, settings.mine()));
    }

    private void onAccepted(ChannelHandlerContext ctx, JsonNode accepted) {
        if (!MutualChallenge.PEERS.isAccept(secret, accepted.path("proof").asText(null), acceptorNonce, nonce, peer,
            self)) {
            LOG.error("peer {} did not prove the cluster secret; closing", peer);
            ctx.close();
            return;
        }
        settings.agreed(peer);
        ctx.pipeline().remove(this);
        link.ready(ctx.channel(), Handshake.chosen(accepted));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection to peer {} failed: {}", peer, cause.toString());
        ctx.close();
    }
}
