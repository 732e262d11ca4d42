package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;

/**
 * What an operator (the {@code members} command, the inspector) asks of a node over HTTP: the cluster as it sees it,
 * and the removal of a member, proven with the cluster secret by {@link MutualChallenge#OPERATORS}; the node's answer
 * must prove the secret back, so a removal is never reported done by something that merely answers on the port.
 */
public final class OperatorClient {

    /** The node refused, or could not be reached or trusted; {@code code} is the node's error code, or a local one. */
    public static final class OperatorException extends Exception {
        private final String code;

        public OperatorException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One member of the configuration, with how the asked node sees it. */
    public record Member(int id, String peerAddress, String status) {
    }

    /** The cluster as one node sees it. */
    public record ClusterView(int nodeId, int leaderId, long configVersion, boolean member, List<Member> members) {
    }

    /** A removal that committed: the configuration without the member. */
    public record Removed(int target, long version, List<Integer> members) {
    }

    private final NodeCalls calls;
    private final String address;

    /** @param hostPort the node's HTTP address, {@code HOST:PORT} (an {@code http://} prefix is allowed) */
    public OperatorClient(String hostPort) throws OperatorException {
        this.calls = new NodeCalls(hostPort);
        this.address = calls.address();
    }

    /** The members and their liveness as the node sees them ({@code GET /api/v1/cluster}; no secret needed). */
    public ClusterView cluster() throws OperatorException, InterruptedException {
        JsonNode body = calls.call(calls.get("/api/v1/cluster"), 5_000);
        int self = body.path("nodeId").asInt();
        List<Member> members = new ArrayList<>();
        for (JsonNode member : body.path("members")) {
            int id = member.path("id").asInt();
            members.add(new Member(id, member.path("peerAddress").asText(""), statusOf(body, id, self)));
        }
        return new ClusterView(self, body.path("leaderId").asInt(), body.path("configVersion").asLong(),
            body.path("member").asBoolean(), members);
    }

    private static String statusOf(JsonNode cluster, int id, int self) {
        if (id == self) {
            return "SELF";
        }
        for (JsonNode peer : cluster.path("peers")) {
            if (peer.path("id").asInt() == id) {
                return peer.path("status").asText("UNKNOWN");
            }
        }
        return "UNKNOWN";
    }

    /**
     * Removes {@code target} through the node, waiting up to {@code timeoutMs} for the change to commit.
     *
     * @throws OperatorException UNKNOWN_MEMBER, LAST_MEMBER, SELF, NO_QUORUM, NOT_READY or UNAUTHORIZED from the node;
     *                           UNREACHABLE, NOT_A_NODE or UNTRUSTED locally
     */
    public Removed remove(int target, String secret, long timeoutMs) throws OperatorException, InterruptedException {
        ClusterSecret key = new ClusterSecret(secret);
        JsonNode challenge = calls.call(calls.post(MembersApi.CHALLENGE, "{}"), 5_000);
        int nodeId = challenge.path("nodeId").asInt();
        String nonce = challenge.path("nonce").asText();
        String clientNonce = ClusterSecret.nonce();
        String request = NodeCalls.JSON.createObjectNode().put("target", target).put("nonce", nonce)
            .put("clientNonce", clientNonce)
            .put("proof", MutualChallenge.OPERATORS.answer(key, nonce, clientNonce, nodeId, target))
            .put("timeoutMs", timeoutMs).toString();
        JsonNode answer = calls.call(calls.post(MembersApi.REMOVE, request), timeoutMs + 5_000);
        if (!MutualChallenge.OPERATORS.isAccept(key, answer.path("proof").asText(), nonce, clientNonce, nodeId,
            target)) {
            throw new OperatorException("UNTRUSTED", address + " answered without proving the cluster secret: the "
                + "removal is not confirmed");
        }
        List<Integer> members = new ArrayList<>();
        answer.path("configuration").path("members").forEach(id -> members.add(id.asInt()));
        return new Removed(target, answer.path("configuration").path("version").asLong(), members);
    }
}
