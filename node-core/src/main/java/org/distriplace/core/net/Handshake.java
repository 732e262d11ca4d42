package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.Optional;
import org.distriplace.core.wire.Wire;

/**
 * The peer connection handshake, before any peer message: the acceptor sends CHALLENGE with a nonce; the dialer
 * answers HELLO with its id, its own nonce and an HMAC over both nonces and both ids; the acceptor answers ACCEPTED
 * with its own HMAC (so the dialer knows the acceptor holds the secret too), or DENIED and closes: the
 * {@link MutualChallenge#PEERS} challenge. The secret is never sent; nonces make every proof single-use.
 *
 * <p>HELLO also says which {@link Wire} the dialer would send ({@code "wire":"binary"}); ACCEPTED names the one the
 * acceptor takes: binary only when both sides want it. A dialer that hears no {@code "wire"} (an older node) sends
 * JSON. The choice only changes how messages are encoded, so it needs no proof.
 *
 * <p>HELLO also carries the dialer's {@link ClusterSettings}; an acceptor whose own differ answers DENIED naming each
 * difference ({@link SettingsAgreement}).
 */
final class Handshake {

    static final String CHALLENGE = "CHALLENGE";
    static final String HELLO = "HELLO";
    static final String ACCEPTED = "ACCEPTED";
    static final String DENIED = "DENIED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Handshake() {
    }

    static ByteBuf challenge(int acceptor, String nonce) {
        return frame(JSON.createObjectNode().put("type", CHALLENGE).put("node_id", acceptor).put("nonce", nonce));
    }

    /** @param settings the dialer's cluster-wide settings, for the acceptor to compare; null to send none */
    static ByteBuf hello(int dialer, String nonce, String proof, Wire wire, ClusterSettings settings) {
        ObjectNode hello = JSON.createObjectNode().put("type", HELLO).put("node_id", dialer).put("nonce", nonce)
            .put("proof", proof).put("wire", wire.label());
        if (settings != null) {
            hello.set("settings", settings.toJson());
        }
        return frame(hello);
    }

    static ByteBuf accepted(int acceptor, String proof, Wire wire) {
        return frame(JSON.createObjectNode().put("type", ACCEPTED).put("node_id", acceptor).put("proof", proof)
            .put("wire", wire.label()));
    }

    /** The wire a connection uses: binary when the dialer asked for it and the acceptor allows it. */
    static Wire agreed(JsonNode hello, Wire acceptorWants) {
        return Wire.ofLabel(hello.path("wire").asText("")) == Wire.BINARY && acceptorWants == Wire.BINARY
            ? Wire.BINARY : Wire.JSON;
    }

    /** The wire ACCEPTED named; JSON when it names none this node knows. */
    static Wire chosen(JsonNode accepted) {
        Wire wire = Wire.ofLabel(accepted.path("wire").asText(""));
        return wire == null ? Wire.JSON : wire;
    }

    /** @param proof the acceptor's proof of the secret (as in ACCEPTED), or null when the dialer proved nothing */
    static ByteBuf denied(String reason, String proof) {
        ObjectNode denied = JSON.createObjectNode().put("type", DENIED).put("reason", reason);
        if (proof != null) {
            denied.put("proof", proof);
        }
        return frame(denied);
    }

    /** Parses a handshake frame; empty if it is not a JSON object with a string {@code type}. */
    static Optional<JsonNode> parse(ByteBuf frame) {
        try {
            JsonNode node = JSON.readTree(ByteBufUtil.getBytes(frame));
            return node != null && node.isObject() && node.path("type").isTextual() ? Optional.of(node)
                : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ByteBuf frame(ObjectNode node) {
        try {
            return Unpooled.wrappedBuffer(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("a small JSON object always encodes", e);
        }
    }
}
