package org.distriplace.inspector.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.api.InspectProtocol;
import org.distriplace.core.api.TeacherControl;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.wire.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a {@link RemoteNode}: answers the node's challenge, checks the node's proof, then decodes
 * {@code events} and {@code report} frames into the inbox. Frames arrive one at a time (the JDK client's
 * listener contract), so this needs no locking.
 */
final class RemoteStream implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A frame longer than this is not from a node: events frames hold a few hundred events. */
    static final int MAX_FRAME_CHARS = 16 << 20;

    private final RemoteNode owner;
    private final ClusterSecret secret;
    private final EventInbox inbox;
    private final EventCodec codec = new EventCodec();
    private final StringBuilder partial = new StringBuilder();
    private final String nonce = ClusterSecret.nonce();
    private volatile WebSocket socket;
    private int nodeId;
    private String nodeNonce;
    private volatile boolean accepted;
    private final AtomicLong controls = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private long malformed;
    /** The node's count of events it dropped for this connection (cumulative, so the newest count is the count). */
    private long lost;

    RemoteStream(RemoteNode owner, ClusterSecret secret, EventInbox inbox) {
        this.owner = owner;
        this.secret = secret;
        this.inbox = inbox;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        owner.update(status(RemoteNode.State.CONNECTING, "proving the secret"));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (partial.length() > MAX_FRAME_CHARS) {
            fail(webSocket, "the node sent a frame over " + (MAX_FRAME_CHARS >> 20) + " MiB");
            return null;
        }
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            malformed++;
            return;
        }
        switch (frame.path("type").asText("")) {
            case InspectProtocol.CHALLENGE -> answer(webSocket, frame);
            case InspectProtocol.ACCEPTED -> checkAccepted(webSocket, frame);
            case InspectProtocol.DENIED -> deny(frame.path("reason").asText("refused"));
            case InspectProtocol.EVENTS -> events(frame);
            case InspectProtocol.REPORT -> report(frame);
            case TeacherControl.DONE -> {
                CompletableFuture<JsonNode> waiting = answers.remove(frame.path("seq").asLong());
                if (waiting != null) {
                    waiting.complete(frame);
                }
            }
            default -> malformed++;
        }
    }

    /**
     * Sends a teacher's command, signed for this session (once the node proved the secret); completes with the
     * node's {@code control-done} answer, or fails if none comes within 10 s.
     */
    CompletableFuture<JsonNode> control(String action, List<Integer> peers, int peer, int drop, int delay) {
        WebSocket open = socket;
        if (!accepted || open == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not watching the node yet"));
        }
        TeacherControl command = new TeacherControl(controls.incrementAndGet(), action, peers, peer, drop, delay);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(command.seq(), answer);
        open.sendText(command.toJson(secret, nodeId, nodeNonce, nonce).toString(), true);
        return answer.orTimeout(10, TimeUnit.SECONDS)
            .whenComplete((done, failure) -> answers.remove(command.seq()));
    }

    private void answer(WebSocket webSocket, JsonNode challenge) {
        nodeId = challenge.path("node_id").asInt();
        nodeNonce = challenge.path("nonce").asText("");
        String proof = MutualChallenge.INSPECTORS.answer(secret, nodeNonce, nonce, nodeId);
        webSocket.sendText(JSON.createObjectNode().put("type", InspectProtocol.HELLO).put("nonce", nonce)
            .put("proof", proof).toString(), true);
    }

    private void checkAccepted(WebSocket webSocket, JsonNode frame) {
        if (nodeNonce == null || !MutualChallenge.INSPECTORS.isAccept(secret, frame.path("proof").asText(null),
            nodeNonce, nonce, nodeId)) {
            deny("the node could not prove it holds the cluster secret");
            webSocket.abort();
            return;
        }
        accepted = true;
        owner.update(status(RemoteNode.State.WATCHING, ""));
        LOG.info("watching node {} at {}", nodeId, owner.address());
    }

    private void events(JsonNode frame) {
        if (!accepted) {
            malformed++;
            return;
        }
        for (JsonNode event : frame.path("events")) {
            try {
                inbox.emit(codec.decode(event));
            } catch (IllegalArgumentException e) {
                malformed++;
            }
        }
        lost = frame.path("dropped").asLong(lost);
        owner.update(status(RemoteNode.State.WATCHING, malformed > 0 ? malformed + " unreadable frames skipped" : ""));
    }

    private void report(JsonNode frame) {
        if (!accepted) {
            malformed++;
            return;
        }
        try {
            inbox.report(codec.decodeReport(frame.path("report")));
        } catch (IllegalArgumentException e) {
            malformed++;
        }
    }

    private RemoteNode.Status status(RemoteNode.State state, String detail) {
        return new RemoteNode.Status(state, detail, nodeId, lost);
    }

    private void deny(String reason) {
        owner.update(status(RemoteNode.State.DENIED, reason));
        LOG.warn("node at {} refused: {}", owner.address(), reason);
    }

    private void fail(WebSocket webSocket, String why) {
        webSocket.abort();
        owner.lost(why);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        owner.lost(statusCode == InspectProtocol.CLOSE_DENIED ? reason : "the node closed the stream");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        owner.lost("connection lost (" + error.getMessage() + ")");
    }

    /** Closes the connection at once (the inspector stopped watching). */
    void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
