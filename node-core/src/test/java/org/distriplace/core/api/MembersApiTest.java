package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.api.OperatorClient.OperatorException;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's membership endpoint on node 1 of three in-process nodes, over real loopback HTTP. */
class MembersApiTest {

    private static final String SECRET = "members-test-secret";

    private final InProcessNetwork network = new InProcessNetwork();
    private final List<Node> nodes = new ArrayList<>();
    private ApiServer server;
    private String address;

    @BeforeEach
    void start() throws Exception {
        for (int id = 1; id <= 3; id++) {
            NodeConfig config = NodeConfig.builder(id, List.of(1, 2, 3)).canvas(16, 16).cooldownMs(0)
                .heartbeatMs(50).suspectAfterMs(150).failureTimeoutMs(300).answerTimeoutMs(100)
                .coordinatorTimeoutMs(300).joinGraceMs(100).batchMs(10).voteTimeoutMs(300).resendMs(50)
                .gossipMs(200).build();
            Node node = new Node(config, network.transportFor(id), new MemoryEventStore(), EventSink.NONE);
            network.attach(node);
            node.start().join();
            nodes.add(node);
        }
        PeerEngine first = PeerEngine.of(node(1));
        server = new ApiServer(first, "127.0.0.1", 0, ServerOptions.defaults(),
            new ApiServer.Inspection(new EventTap(EventSink.NONE), new ClusterSecret(SECRET), first), null);
        server.start();
        address = "127.0.0.1:" + server.port();
        Await.until("a leader", Duration.ofSeconds(10), () -> node(3).report().join().leaderActive());
    }

    @AfterEach
    void stop() {
        server.close();
        nodes.forEach(Node::close);
    }

    private Node node(int id) {
        return nodes.get(id - 1);
    }

    private long version() {
        return node(1).report().join().membership().version();
    }

    private OperatorException refusal(int target, String secret) throws Exception {
        return assertThrows(OperatorException.class, () -> new OperatorClient(address).remove(target, secret, 5_000));
    }

    @Test
    void anOperatorWithTheSecretRemovesADeadMember() throws Exception {
        node(2).close();
        OperatorClient.Removed removed = new OperatorClient(address).remove(2, SECRET, 10_000);
        assertEquals(List.of(1, 3), removed.members());
        assertEquals(1, removed.version());
        OperatorClient.ClusterView view = new OperatorClient(address).cluster();
        assertEquals(List.of(1, 3), view.members().stream().map(OperatorClient.Member::id).toList());
        assertEquals("SELF", view.members().get(0).status());
    }

    @Test
    void refusalsAreClearAndChangeNothing() throws Exception {
        assertEquals("UNAUTHORIZED", refusal(2, "not-the-secret").code());
        assertEquals("UNKNOWN_MEMBER", refusal(9, SECRET).code());
        OperatorException self = refusal(1, SECRET);
        assertEquals("SELF", self.code());
        assertTrue(self.getMessage().contains("does not remove itself"), self.getMessage());
        assertEquals(0, version(), "nothing changed");
        assertEquals(List.of(1, 2, 3), node(3).report().join().membership().members());
    }

    @Test
    void aChallengeAnswersOneRequestAndMalformedOnesAreRefused() throws Exception {
        TestHttp http = TestHttp.withCookies();
        String base = "http://" + address;
        JsonNode challenge = Responses.JSON.readTree(http.post(base + MembersApi.CHALLENGE, "{}").body());
        String nonce = challenge.get("nonce").asText();
        String proof = MutualChallenge.OPERATORS.answer(new ClusterSecret(SECRET), nonce, "c", 1, 9);
        String request = "{\"target\":9,\"nonce\":\"" + nonce + "\",\"clientNonce\":\"c\",\"proof\":\"" + proof
            + "\"}";
        assertEquals(404, http.post(base + MembersApi.REMOVE, request).statusCode(), "proven: 9 is unknown");
        HttpResponse<String> replayed = http.post(base + MembersApi.REMOVE, request);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertTrue(replayed.body().contains("unknown or used challenge"), replayed.body());

        assertEquals(400, http.post(base + MembersApi.REMOVE, "{not json").statusCode());
        assertEquals(400, http.post(base + MembersApi.REMOVE, "{\"target\":\"two\"}").statusCode());
        assertEquals(405, http.get(base + MembersApi.REMOVE).statusCode());
        assertEquals(0, version());
    }

    @Test
    void anAnswerThatDoesNotProveTheSecretIsNotTrusted() throws Exception {
        HttpServer impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        impostor.createContext("/", exchange -> {
            String body = exchange.getRequestURI().getPath().equals(MembersApi.CHALLENGE)
                ? "{\"nodeId\":1,\"nonce\":\"n\"}"
                : "{\"removed\":2,\"configuration\":{\"version\":1,\"members\":[1,3]},\"proof\":\"forged\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        impostor.start();
        try {
            OperatorException untrusted = assertThrows(OperatorException.class, () -> new OperatorClient(
                "127.0.0.1:" + impostor.getAddress().getPort()).remove(2, SECRET, 5_000));
            assertEquals("UNTRUSTED", untrusted.code());
        } finally {
            impostor.stop(0);
        }
    }

    @Test
    void challengesAreBoundedAndExpire() {
        long[] now = {0};
        OperatorNonces nonces = new OperatorNonces(() -> now[0]);
        String first = nonces.issue();
        for (int i = 0; i < OperatorNonces.MAX + 50; i++) {
            nonces.issue();
        }
        assertEquals(OperatorNonces.MAX, nonces.outstanding());
        assertTrue(!nonces.redeem(first), "the oldest was forgotten");
        String fresh = nonces.issue();
        now[0] += OperatorNonces.TTL_MS;
        assertTrue(!nonces.redeem(fresh), "expired");
        assertEquals(0, nonces.outstanding());
    }
}
