package org.distriplace.core.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;

/**
 * Node events to and from one line of JSON each ({@code {"type":"RoleChanged","at":…,"node":3,…}}): the format of
 * saved inspector traces and of the remote event stream, which also carries {@link NodeReport}s. Thread-safe.
 */
public final class EventCodec {

    /** The longest line {@link #decode} reads: a committed batch of a few hundred writes fits many times over. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final ObjectMapper mapper = DomainJson.strictMapper(NodeEvent.class, NodeEventTypes.class);

    /** One line of JSON, without a line break. */
    public String encode(NodeEvent event) {
        return write(event);
    }

    /** A node's report as one JSON object, for the remote event stream. */
    public String encodeReport(NodeReport report) {
        return write(report);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Events and reports are plain records of encodable fields: failing here is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one event.
     *
     * @throws IllegalArgumentException naming what is wrong, for a line that is not one valid event
     */
    public NodeEvent decode(String line) {
        checkLength(line, "event line");
        return read(() -> mapper.readValue(line, NodeEvent.class), "node event");
    }

    /** Reads one event already parsed as part of a larger frame (the remote stream's). */
    public NodeEvent decode(JsonNode tree) {
        return read(() -> mapper.treeToValue(tree, NodeEvent.class), "node event");
    }

    /**
     * Reads one report.
     *
     * @throws IllegalArgumentException naming what is wrong, for text that is not one valid report
     */
    public NodeReport decodeReport(String json) {
        checkLength(json, "report");
        return read(() -> mapper.readValue(json, NodeReport.class), "node report");
    }

    /** Reads one report already parsed as part of a larger frame. */
    public NodeReport decodeReport(JsonNode tree) {
        return read(() -> mapper.treeToValue(tree, NodeReport.class), "node report");
    }

    private static void checkLength(String text, String what) {
        if (text.length() > MAX_LINE_CHARS) {
            throw new IllegalArgumentException(what + " of " + text.length() + " characters exceeds "
                + MAX_LINE_CHARS);
        }
    }

    /** What Jackson reads, or an {@link IllegalArgumentException} saying why it is not a {@code what}. */
    private static <T> T read(Parse<T> parse, String what) {
        try {
            T value = parse.run();
            if (value == null) {
                throw new IllegalArgumentException("a " + what + " is a JSON object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + what + ": " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // Record constructors refuse impossible values (a vector clock without the write, say).
            throw new IllegalArgumentException("not a " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T run() throws JsonProcessingException;
    }

    /** Jackson type information for the sealed event family, kept out of the event records themselves. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NodeEvent.MessageSent.class, name = "MessageSent"),
        @JsonSubTypes.Type(value = NodeEvent.MessageReceived.class, name = "MessageReceived"),
        @JsonSubTypes.Type(value = NodeEvent.HeartbeatReceived.class, name = "HeartbeatReceived"),
        @JsonSubTypes.Type(value = NodeEvent.SuspicionChanged.class, name = "SuspicionChanged"),
        @JsonSubTypes.Type(value = NodeEvent.ElectionStep.class, name = "ElectionStep"),
        @JsonSubTypes.Type(value = NodeEvent.EpochChanged.class, name = "EpochChanged"),
        @JsonSubTypes.Type(value = NodeEvent.RoleChanged.class, name = "RoleChanged"),
        @JsonSubTypes.Type(value = NodeEvent.CommitPhase.class, name = "CommitPhase"),
        @JsonSubTypes.Type(value = NodeEvent.Committed.class, name = "Committed"),
        @JsonSubTypes.Type(value = NodeEvent.MembershipChanged.class, name = "MembershipChanged"),
        @JsonSubTypes.Type(value = NodeEvent.SyncStep.class, name = "SyncStep"),
        @JsonSubTypes.Type(value = NodeEvent.Lifecycle.class, name = "Lifecycle"),
        @JsonSubTypes.Type(value = NodeEvent.PlacementFailed.class, name = "PlacementFailed"),
        @JsonSubTypes.Type(value = NodeEvent.ClientsTold.class, name = "ClientsTold"),
        @JsonSubTypes.Type(value = NodeEvent.InGroup.class, name = "InGroup"),
    })
    private interface NodeEventTypes {
    }
}
