package org.distriplace.core.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.distriplace.core.event.NodeEvent;

/**
 * Node events to and from one line of JSON each ({@code {"type":"RoleChanged","at":…,"node":3,…}}): the format of
 * saved inspector traces and of the remote event stream. Thread-safe.
 */
public final class EventCodec {

    /** The longest line {@link #decode} reads: a committed batch of a few hundred writes fits many times over. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final ObjectMapper mapper = DomainJson.strictMapper(NodeEvent.class, NodeEventTypes.class);

    /** One line of JSON, without a line break. */
    public String encode(NodeEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Every event is a plain record of encodable fields: failing here is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one event.
     *
     * @throws IllegalArgumentException naming what is wrong, for a line that is not one valid event
     */
    public NodeEvent decode(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            throw new IllegalArgumentException("event line of " + line.length() + " characters exceeds "
                + MAX_LINE_CHARS);
        }
        try {
            NodeEvent event = mapper.readValue(line, NodeEvent.class);
            if (event == null) {
                throw new IllegalArgumentException("an event is a JSON object with a \"type\", not null");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a node event: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // Record constructors refuse impossible values (a vector clock without the write, say).
            throw new IllegalArgumentException("not a node event: " + e.getMessage(), e);
        }
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
    })
    private interface NodeEventTypes {
    }
}
