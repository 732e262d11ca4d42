package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Color;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.distriplace.core.wire.EventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote inspection stream on {@code /inspect}: the secret's proof in both directions, then the events. */
class InspectStreamTest {

    private static final ClusterSecret SECRET = new ClusterSecret("s3cret");

    private final EventTap tap = new EventTap(EventSink.NONE);
    private final EventCodec codec = new EventCodec();
    private Node node;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(8, 8).cooldownMs(0).batchMs(5).build();
        node = new Node(config, new InProcessNetwork().transportFor(1), new MemoryEventStore(), tap);
        node.start().join();
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults(),
            new ApiServer.Inspection(tap, SECRET, PeerEngine.of(node)), null);
        server.start();
        Await.until("the lone node to lead", Duration.ofSeconds(10), () -> node.report().join().ready());
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private WebSocket connect(WebSocketFrames frames) {
        return WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + InspectProtocol.PATH, frames);
    }

    /** Both nonces of one handshake, to check the node's proof with. */
    private record Nonces(String node, String client) {
    }

    /** Checks the node opens with its challenge and answers it with a proof made from {@code secret}. */
    private static Nonces hello(WebSocket socket, WebSocketFrames frames, ClusterSecret secret) throws Exception {
        JsonNode challenge = frames.received.poll(10, TimeUnit.SECONDS);
        assertEquals(InspectProtocol.CHALLENGE, challenge.get("type").asText(), "the node speaks first");
        assertEquals(1, challenge.get("node_id").asInt());
        Nonces nonces = new Nonces(challenge.get("nonce").asText(), ClusterSecret.nonce());
        String proof = MutualChallenge.INSPECTORS.answer(secret, nonces.node(), nonces.client(), 1);
        socket.sendText("{\"type\":\"hello\",\"nonce\":\"" + nonces.client() + "\",\"proof\":\"" + proof + "\"}",
            true);
        return nonces;
    }

    @Test
    void aClientHoldingTheSecretSeesTheNodesEventsAndReports() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = connect(frames);
        Nonces nonces = hello(socket, frames, SECRET);
        JsonNode accepted = frames.next(InspectProtocol.ACCEPTED);
        assertTrue(MutualChallenge.INSPECTORS.isAccept(SECRET, accepted.get("proof").asText(), nonces.node(),
            nonces.client(), 1), "the node proves it holds the secret too");
        Await.until("the node to stream", Duration.ofSeconds(5), () -> tap.wantsMessages());

        node.place("ada", 2, 3, Color.of("#FF4500")).join();
        List<NodeEvent> events = new ArrayList<>();
        while (events.stream().noneMatch(NodeEvent.Committed.class::isInstance)) {
            frames.next(InspectProtocol.EVENTS).get("events").forEach(event -> events.add(codec.decode(event)));
        }
        NodeEvent.Committed committed = events.stream().filter(NodeEvent.Committed.class::isInstance)
            .map(NodeEvent.Committed.class::cast).findFirst().orElseThrow();
        assertEquals(2, committed.writes().get(0).x());
        assertTrue(events.stream().allMatch(event -> event.node() == 1), "only this node's own events");
        NodeReport report = codec.decodeReport(frames.next(InspectProtocol.REPORT).get("report"));
        assertEquals(1, report.nodeId());
        assertEquals(1, server.inspectors());

        socket.abort();
        Await.until("the node to stop streaming to the closed client", Duration.ofSeconds(5),
            () -> server.inspectors() == 0 && tap.subscribers() == 0);
        assertFalse(tap.wantsMessages(), "nobody watches: no per-message events are built");
    }

    /** Inspectors only listen: the idle timeout that closes silent players never cuts a teacher's view. */
    @Test
    void anInspectorThatSaysNothingAfterItsHelloIsNeverCutOffAsIdle() throws Exception {
        PeerEngine engine = PeerEngine.of(node);
        try (ApiServer impatient = new ApiServer(engine, "127.0.0.1", 0, ServerOptions.defaults().withIdleSeconds(1),
                new ApiServer.Inspection(tap, SECRET, engine), null)) {
            impatient.start();
            WebSocketFrames frames = new WebSocketFrames();
            WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + impatient.port() + InspectProtocol.PATH,
                frames);
            hello(socket, frames, SECRET);
            frames.next(InspectProtocol.ACCEPTED);
            long silentUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < silentUntil) {
                frames.next(InspectProtocol.REPORT);
            }
            assertEquals(-1, frames.closeCode(), "three idle timeouts later, still streaming");
            assertEquals(1, impatient.inspectors());
            socket.abort();
        }
    }

    @Test
    void aWrongSecretIsDeniedAndClosedWithoutASingleEvent() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = connect(frames);
        hello(socket, frames, new ClusterSecret("guess"));
        assertEquals("wrong cluster secret", frames.next(InspectProtocol.DENIED).get("reason").asText());
        Await.until("the denied client to be closed", Duration.ofSeconds(5),
            () -> frames.closeCode() == InspectProtocol.CLOSE_DENIED);
        node.place("ada", 1, 1, Color.of("#000000")).join();
        assertTrue(frames.received.stream().noneMatch(frame -> frame.path("type").asText().equals("events")));
        assertEquals(0, tap.subscribers());
        assertEquals(0, server.inspectors());
    }

    @Test
    void malformedHellosAreDeniedAndTheNodeKeepsServing() throws Exception {
        for (String hello : List.of("garbage", "{\"type\":\"hello\"}", "{\"type\":\"hello\",\"nonce\":1,\"proof\":2}",
            "[]", "{\"type\":\"events\"}")) {
            WebSocketFrames frames = new WebSocketFrames();
            WebSocket socket = connect(frames);
            frames.next(InspectProtocol.CHALLENGE);
            socket.sendText(hello, true);
            assertTrue(frames.next(InspectProtocol.DENIED).get("reason").asText().contains("hello"), hello);
        }
        assertEquals(0, tap.subscribers());
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = connect(frames);
        hello(socket, frames, SECRET);
        frames.next(InspectProtocol.ACCEPTED);
        assertEquals(1, tap.subscribers());
    }

    @Test
    void theBrowserSocketAndTheHttpApiStillWorkBesideInspection() throws Exception {
        WebSocketFrames browser = new WebSocketFrames();
        WebSocketFrames.connect("ws://127.0.0.1:" + server.port() + "/ws", browser);
        browser.next("canvas");
        HttpResponse<String> plain = new TestHttp().get("http://127.0.0.1:" + server.port() + "/api/v1/canvas/info");
        assertEquals(200, plain.statusCode());
    }

    @Test
    void aServerWithoutInspectionDoesNotOfferTheStream() throws Exception {
        try (ApiServer closed = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults())) {
            closed.start();
            HttpResponse<String> response = new TestHttp().get("http://127.0.0.1:" + closed.port()
                + InspectProtocol.PATH);
            assertEquals(404, response.statusCode());
            WebSocketFrames frames = new WebSocketFrames();
            assertTrue(HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + closed.port() + InspectProtocol.PATH), frames)
                .handle((socket, failure) -> failure != null).join(), "the upgrade is refused");
        }
    }
}
