package org.distriplace.core.wire;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.PrunedGrants;

/**
 * Peer messages to and from their frames. The seed's form is JSON: one object per frame, {@code "type"} naming the
 * {@link org.distriplace.core.message.MessageKind}, fields in snake_case, colours as {@code #RRGGBB}, vector
 * clocks as {@code {"nodeId": counter}}. On a connection whose handshake chose the {@link Wire#BINARY binary}
 * wire, the hot messages go in {@link CompactCodec}'s form instead, and bundles of several groups' messages in
 * {@link BundleFrames}'; {@link #decode} reads any of them, by the frame's first byte. Thread-safe.
 */
public final class PeerCodec {

    /** Default frame limit: generous for full-state tiles, small enough that one frame cannot exhaust memory. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final String NO_PRUNED_GRANTS = "no pruned grants";

    private final ObjectMapper mapper;
    private final int maxFrameBytes;

    public PeerCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public PeerCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        this.mapper = DomainJson.strictMapper(PeerMessage.class, PeerMessageTypes.class)
            .addMixIn(PeerMessage.AccountsResponse.class, AccountsResponseFields.class)
            .setInjectableValues(new InjectableValues.Std().addValue(NO_PRUNED_GRANTS, List.of()));
    }

    public byte[] encode(PeerMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Every message type is a plain record of encodable fields: failing here is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The frame for {@code message} on a connection of {@code wire}: compact where it covers the message; a bundle
     * on the binary wire in {@link BundleFrames}' form, each part as it would go alone.
     */
    public byte[] encode(PeerMessage message, Wire wire) {
        if (wire == Wire.BINARY && message instanceof PeerMessage.Bundle bundle) {
            return BundleFrames.encode(bundle, part -> encode(part, Wire.BINARY));
        }
        return wire == Wire.BINARY && CompactCodec.covers(message) ? CompactCodec.encode(message) : encode(message);
    }

    public String encodeToString(PeerMessage message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    public Decoded decode(String frame) {
        return decode(frame.getBytes(StandardCharsets.UTF_8));
    }

    public Decoded decode(byte[] frame) {
        if (frame.length > maxFrameBytes) {
            return failed(DecodeError.Reason.TOO_LARGE, "frame of " + frame.length + " bytes exceeds " + maxFrameBytes);
        }
        if (frame.length > 0 && frame[0] == BundleFrames.TAG) {
            return BundleFrames.decode(frame, this::decode);
        }
        if (frame.length > 0 && CompactCodec.isCompact(frame[0])) {
            return decodeCompact(frame);
        }
        if (!startsWithObject(frame)) {
            return failed(DecodeError.Reason.MALFORMED_JSON, "a message is a JSON object with a \"type\"");
        }
        try {
            PeerMessage message = mapper.readValue(frame, PeerMessage.class);
            if (message == null) {
                return failed(DecodeError.Reason.MALFORMED_JSON, "frame is JSON null");
            }
            return new Decoded.Ok(message);
        } catch (InvalidTypeIdException e) {
            return e.getTypeId() == null
                ? failed(DecodeError.Reason.MISSING_TYPE, "message has no \"type\"")
                : failed(DecodeError.Reason.UNKNOWN_TYPE, "unknown message type \"" + e.getTypeId() + "\"");
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return failed(DecodeError.Reason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            return failed(DecodeError.Reason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            return e.getTargetType() == PeerMessage.class && e.getPath().isEmpty()
                ? failed(DecodeError.Reason.MALFORMED_JSON, "a message is a JSON object with a \"type\"")
                : failed(DecodeError.Reason.BAD_FIELD, fieldProblem(e));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            return failed(DecodeError.Reason.BAD_FIELD, fieldProblem(e));
        } catch (IOException | RuntimeException e) {
            return failed(DecodeError.Reason.MALFORMED_JSON, String.valueOf(e.getMessage()));
        }
    }

    private static Decoded decodeCompact(byte[] frame) {
        try {
            return new Decoded.Ok(CompactCodec.decode(frame));
        } catch (RuntimeException e) {
            // Bad bytes from a peer (a bug or a hostile sender): named, counted, dropped; never thrown.
            return failed(DecodeError.Reason.MALFORMED_BINARY, String.valueOf(e.getMessage()));
        }
    }

    private static boolean startsWithObject(byte[] frame) {
        for (byte b : frame) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private static String fieldProblem(com.fasterxml.jackson.databind.JsonMappingException e) {
        String path = e.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .reduce((a, b) -> a + "." + b).orElse("message");
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
            ? jpe.getOriginalMessage() : cause.getMessage();
        return "bad field " + path + ": " + why;
    }

    private static Decoded failed(DecodeError.Reason reason, String message) {
        return new Decoded.Failed(new DecodeError(reason, message));
    }

    /**
     * An accounts response names runs of pruned grants only when it has some, and one without the field (from a
     * build older than grant pruning, or any one-shard cluster, which makes no grants) has none: one-shard frames
     * stay exactly as they were (ADR 0017).
     */
    private abstract static class AccountsResponseFields {

        AccountsResponseFields(@JsonProperty("node_id") int nodeId, @JsonProperty("version") VectorClock version,
                               @JsonProperty("entries") List<AccountEntry> entries,
                               @JsonProperty("pruned") @JacksonInject(value = NO_PRUNED_GRANTS,
                                   useInput = OptBoolean.TRUE) List<PrunedGrants> pruned) {
        }

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<PrunedGrants> pruned();
    }

    /** Jackson type information for the sealed message family, kept out of the message records themselves. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PeerMessage.PixelUpdate.class, name = "PIXEL_UPDATE"),
        @JsonSubTypes.Type(value = PeerMessage.PixelUpdates.class, name = "PIXEL_UPDATES"),
        @JsonSubTypes.Type(value = PeerMessage.AccountUpdate.class, name = "ACCOUNT_UPDATE"),
        @JsonSubTypes.Type(value = PeerMessage.PlaceRejected.class, name = "PLACE_REJECTED"),
        @JsonSubTypes.Type(value = PeerMessage.Heartbeat.class, name = "HEARTBEAT"),
        @JsonSubTypes.Type(value = PeerMessage.Join.class, name = "JOIN"),
        @JsonSubTypes.Type(value = PeerMessage.Welcome.class, name = "WELCOME"),
        @JsonSubTypes.Type(value = PeerMessage.JoinRequest.class, name = "JOIN_REQUEST"),
        @JsonSubTypes.Type(value = PeerMessage.RemoveRequest.class, name = "REMOVE_REQUEST"),
        @JsonSubTypes.Type(value = PeerMessage.AccountsRequest.class, name = "ACCOUNTS_REQUEST"),
        @JsonSubTypes.Type(value = PeerMessage.AccountsResponse.class, name = "ACCOUNTS_RESPONSE"),
        @JsonSubTypes.Type(value = PeerMessage.HistoryRequest.class, name = "HISTORY_REQUEST"),
        @JsonSubTypes.Type(value = PeerMessage.HistoryResponse.class, name = "HISTORY_RESPONSE"),
        @JsonSubTypes.Type(value = PeerMessage.Election.class, name = "ELECTION"),
        @JsonSubTypes.Type(value = PeerMessage.Answer.class, name = "ANSWER"),
        @JsonSubTypes.Type(value = PeerMessage.Coordinator.class, name = "COORDINATOR"),
        @JsonSubTypes.Type(value = PeerMessage.Promise.class, name = "PROMISE"),
        @JsonSubTypes.Type(value = PeerMessage.Refuse.class, name = "REFUSE"),
        @JsonSubTypes.Type(value = PeerMessage.Prepare.class, name = "PREPARE"),
        @JsonSubTypes.Type(value = PeerMessage.Vote.class, name = "VOTE"),
        @JsonSubTypes.Type(value = PeerMessage.Commit.class, name = "COMMIT"),
        @JsonSubTypes.Type(value = PeerMessage.Abort.class, name = "ABORT"),
        @JsonSubTypes.Type(value = PeerMessage.SyncRequest.class, name = "SYNC_REQUEST"),
        @JsonSubTypes.Type(value = PeerMessage.SyncResponse.class, name = "SYNC_RESPONSE"),
        @JsonSubTypes.Type(value = PeerMessage.Bundle.class, name = "BUNDLE"),
    })
    private interface PeerMessageTypes {
    }
}
