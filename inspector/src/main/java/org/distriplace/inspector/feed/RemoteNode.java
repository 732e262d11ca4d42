package org.distriplace.inspector.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.api.InspectProtocol;
import org.distriplace.core.net.ClusterSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node in another process or on another machine, watched through its {@code /inspect} stream: its events and
 * reports go into an inbox as a local node's would. The connection proves the cluster secret and checks the node's
 * proof back; when it drops, it is retried every {@link #RETRY_EVERY} until {@link #close()}, but a node that
 * refuses the secret (or cannot prove it) is not asked again. Thread-safe.
 */
public final class RemoteNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteNode.class);
    static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    /** Where the connection stands. */
    public enum State { CONNECTING, WATCHING, RETRYING, DENIED, STOPPED }

    /**
     * @param nodeId     the node's id once it sent its challenge, else 0
     * @param lostEvents events the node dropped for this inspector because it fell behind
     */
    public record Status(State state, String detail, int nodeId, long lostEvents) {

        /** One line for the inspector's list of watched nodes. */
        public String describe() {
            String who = nodeId > 0 ? "n" + nodeId + " " : "";
            String lost = lostEvents > 0 ? String.format(Locale.ROOT, " · %,d events lost", lostEvents) : "";
            return who + state.name().toLowerCase(Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail) + lost;
        }
    }

    private final String address;
    private final URI uri;
    private final ClusterSecret secret;
    private final EventInbox inbox;
    private final HttpClient http;
    private volatile Status status = new Status(State.CONNECTING, "", 0, 0);
    private volatile RemoteStream stream;
    private volatile boolean closed;

    private RemoteNode(String address, URI uri, ClusterSecret secret, EventInbox inbox) {
        this.address = address;
        this.uri = uri;
        this.secret = secret;
        this.inbox = inbox;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts watching the node at {@code address} ({@code host:port} of its HTTP server, or its browser URL).
     *
     * @throws IllegalArgumentException for an address that names no host and port, or an empty secret
     */
    public static RemoteNode watch(String address, String secret, EventInbox inbox) {
        RemoteNode node = new RemoteNode(address.trim(), inspectUri(address), new ClusterSecret(secret), inbox);
        node.connect();
        return node;
    }

    /**
     * {@code ws://host:port/inspect} for {@code host:port}, {@code http://host:port/} or {@code ws://host:port}.
     *
     * @throws IllegalArgumentException saying what an address looks like, for one that names no host and port
     */
    public static URI inspectUri(String address) {
        String text = address.trim().replaceFirst("^(?i)(https?|wss?)://", "");
        int slash = text.indexOf('/');
        String hostPort = slash < 0 ? text : text.substring(0, slash);
        try {
            URI uri = new URI("ws://" + hostPort + InspectProtocol.PATH);
            if (uri.getHost() == null || uri.getPort() < 1) {
                throw new URISyntaxException(address, "expected host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + address + "' is not host:port (the node's HTTP port, e.g. "
                + "192.168.1.20:8080)");
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        RemoteStream next = new RemoteStream(this, secret, inbox);
        stream = next;
        http.newWebSocketBuilder().buildAsync(uri, next).whenComplete((socket, failure) -> {
            if (failure != null) {
                lost("cannot connect (" + rootMessage(failure) + ")");
            }
        });
    }

    /** Called by the stream: the connection ended or failed; try again later unless refused or stopped. */
    void lost(String why) {
        Status now = status;
        if (closed || now.state() == State.DENIED) {
            return;
        }
        status = new Status(State.RETRYING, why + "; retrying every " + RETRY_EVERY.toSeconds() + " s",
            now.nodeId(), now.lostEvents());
        CompletableFuture.runAsync(this::connect,
            CompletableFuture.delayedExecutor(RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS));
    }

    void update(Status next) {
        if (!closed && status.state() != State.DENIED) {
            status = next;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * A teacher's command to this node ({@code pause}, {@code resume}, {@code cut} with {@code peers}, {@code link}
     * to {@code peer} with {@code drop} % and {@code delay} ms, {@code heal}), signed with the secret; completes
     * with the node's answer (its {@code ok}, {@code reason} and {@code state}).
     */
    public CompletableFuture<JsonNode> control(String action, List<Integer> peers, int peer, int drop, int delay) {
        RemoteStream current = stream;
        return current == null ? CompletableFuture.failedFuture(new IllegalStateException("not connected"))
            : current.control(action, peers, peer, drop, delay);
    }

    public String address() {
        return address;
    }

    public Status status() {
        return status;
    }

    /** Stops watching: the connection is closed and not retried. */
    @Override
    public void close() {
        closed = true;
        status = new Status(State.STOPPED, "", status.nodeId(), status.lostEvents());
        RemoteStream current = stream;
        if (current != null) {
            current.abort();
        }
        LOG.debug("stopped watching {}", address);
    }
}
