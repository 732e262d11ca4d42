package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param hostPort the node's HTTP address, {@code HOST:PORT} (an {@code http://} prefix is allowed) */
    public OperatorClient(String hostPort) throws OperatorException {
        String bare = hostPort.strip().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (!bare.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new OperatorException("BAD_ADDRESS", "give the node's HTTP address as HOST:PORT (for example "
                + "192.168.1.20:8080), not '" + hostPort + "'");
        }
        this.address = bare;
    }

    /** The members and their liveness as the node sees them ({@code GET /api/v1/cluster}; no secret needed). */
    public ClusterView cluster() throws OperatorException, InterruptedException {
        JsonNode body = call(HttpRequest.newBuilder(uri("/api/v1/cluster")).GET(), 5_000);
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
        JsonNode challenge = call(post(MembersApi.CHALLENGE, "{}"), 5_000);
        int nodeId = challenge.path("nodeId").asInt();
        String nonce = challenge.path("nonce").asText();
        String clientNonce = ClusterSecret.nonce();
        String request = JSON.createObjectNode().put("target", target).put("nonce", nonce)
            .put("clientNonce", clientNonce)
            .put("proof", MutualChallenge.OPERATORS.answer(key, nonce, clientNonce, nodeId, target))
            .put("timeoutMs", timeoutMs).toString();
        JsonNode answer = call(post(MembersApi.REMOVE, request), timeoutMs + 5_000);
        if (!MutualChallenge.OPERATORS.isAccept(key, answer.path("proof").asText(), nonce, clientNonce, nodeId,
            target)) {
            throw new OperatorException("UNTRUSTED", address + " answered without proving the cluster secret: the "
                + "removal is not confirmed");
        }
        List<Integer> members = new ArrayList<>();
        answer.path("configuration").path("members").forEach(id -> members.add(id.asInt()));
        return new Removed(target, answer.path("configuration").path("version").asLong(), members);
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://" + address + path);
    }

    private JsonNode call(HttpRequest.Builder request, long timeoutMs) throws OperatorException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofMillis(timeoutMs)).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new OperatorException("UNREACHABLE", "no distri-place node answered at " + address + " (" + why
                + ")");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new OperatorException("NOT_A_NODE", address + " answered HTTP " + response.statusCode()
                + " without JSON: is it a distri-place node's HTTP port?");
        }
        if (response.statusCode() != 200) {
            JsonNode error = body.path("error");
            throw new OperatorException(error.path("code").asText("HTTP_" + response.statusCode()),
                error.path("message").asText(address + " answered HTTP " + response.statusCode()));
        }
        return body;
    }
}
