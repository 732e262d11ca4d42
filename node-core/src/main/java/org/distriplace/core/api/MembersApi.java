package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.distriplace.core.model.Membership;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.node.MembershipChangeException;
import org.distriplace.core.engine.PeerControls;

/**
 * The operator's membership endpoint: {@code POST /api/v1/members/challenge} hands out a single-use nonce, and
 * {@code POST /api/v1/members/remove} removes a member for a request that proves the cluster secret over that nonce,
 * a nonce of its own, this node's id and the member ({@link MutualChallenge#OPERATORS}); the answer proves the secret
 * back. The secret never crosses the wire. Thread-safe (one instance serves every connection).
 */
final class MembersApi {

    static final String CHALLENGE = "/api/v1/members/challenge";
    static final String REMOVE = "/api/v1/members/remove";
    static final long DEFAULT_TIMEOUT_MS = 15_000;
    static final long MAX_TIMEOUT_MS = 60_000;

    private final PeerControls node;
    private final ClusterSecret secret;
    private final OperatorNonces nonces;

    MembersApi(PeerControls node, ClusterSecret secret, OperatorNonces nonces) {
        this.node = node;
        this.secret = secret;
        this.nonces = nonces;
    }

    static boolean serves(String path) {
        return path.equals(CHALLENGE) || path.equals(REMOVE);
    }

    /** Answers a request for one of {@link #serves}'s paths; completes on {@code executor}. */
    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, FullHttpRequest request,
                                               Executor executor) {
        if (!method.equals(HttpMethod.POST)) {
            return done(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + "; use POST"));
        }
        if (path.equals(CHALLENGE)) {
            return done(Responses.json(HttpResponseStatus.OK, Responses.JSON.createObjectNode()
                .put("nodeId", node.id()).put("nonce", nonces.issue()).put("expiresInMs", OperatorNonces.TTL_MS)));
        }
        return remove(request, executor);
    }

    private CompletableFuture<FullHttpResponse> remove(FullHttpRequest request, Executor executor) {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(new ByteBufInputStream(request.content()));
        } catch (IOException e) {
            return badRequest("the body is not valid JSON");
        }
        if (body == null || !body.path("target").isInt() || !body.path("nonce").isTextual()
            || !body.path("clientNonce").isTextual() || !body.path("proof").isTextual()
            || body.has("timeoutMs") && !body.path("timeoutMs").canConvertToLong()) {
            return badRequest("expected {\"target\":ID,\"nonce\":…,\"clientNonce\":…,\"proof\":…} and optionally "
                + "\"timeoutMs\"");
        }
        int target = body.get("target").asInt();
        String nonce = body.get("nonce").asText();
        String clientNonce = body.get("clientNonce").asText();
        // Redeemed first, whatever follows: a nonce answers one request only.
        boolean fresh = nonces.redeem(nonce);
        if (!fresh || !MutualChallenge.OPERATORS.isAnswer(secret, body.get("proof").asText(), nonce, clientNonce,
            node.id(), target)) {
            return done(Responses.error(HttpResponseStatus.UNAUTHORIZED, "UNAUTHORIZED", fresh
                ? "the proof does not match this cluster's secret"
                : "unknown or used challenge: ask " + CHALLENGE + " for a new one"));
        }
        long timeoutMs = Math.max(1, Math.min(MAX_TIMEOUT_MS, body.path("timeoutMs").asLong(DEFAULT_TIMEOUT_MS)));
        return node.removeMember(target, timeoutMs).handleAsync((config, failure) -> failure == null
            ? removed(target, config, nonce, clientNonce)
            : refused(failure), executor);
    }

    private FullHttpResponse removed(int target, Membership config, String nonce, String clientNonce) {
        ObjectNode body = Responses.JSON.createObjectNode().put("removed", target);
        body.putObject("configuration").put("version", config.version())
            .set("members", Responses.JSON.valueToTree(config.members()));
        body.put("proof", MutualChallenge.OPERATORS.accept(secret, nonce, clientNonce, node.id(), target));
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (!(cause instanceof MembershipChangeException refused)) {
            throw new CompletionException(cause);
        }
        HttpResponseStatus status = switch (refused.code()) {
            case UNKNOWN_MEMBER -> HttpResponseStatus.NOT_FOUND;
            case LAST_MEMBER, SELF, FIXED_MEMBERS -> HttpResponseStatus.CONFLICT;
            case NO_QUORUM, NOT_READY -> HttpResponseStatus.SERVICE_UNAVAILABLE;
        };
        return Responses.error(status, refused.code().name(), refused.getMessage());
    }

    private static CompletableFuture<FullHttpResponse> badRequest(String message) {
        return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", message));
    }

    private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
