package org.distriplace.core.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;

/**
 * Peer messages to and from JSON: one object per frame, {@code "type"} naming the {@link
 * org.distriplace.core.message.MessageKind}, fields in snake_case, colours as {@code #RRGGBB}, vector clocks as
 * {@code {"nodeId": counter}}. Thread-safe.
 */
public final class PeerCodec {

    /** Default frame limit: generous for full-state tiles, small enough that one frame cannot exhaust memory. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final ObjectMapper mapper;
    private final int maxFrameBytes;

    public PeerCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public PeerCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        this.mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(PeerMessage.class, PeerMessageTypes.class)
            .addModule(domainTypes())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();
    }

    public byte[] encode(PeerMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Every message type is a plain record of encodable fields: failing here is a programming error.
            throw new UncheckedIOException(e);
        }
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

    private static SimpleModule domainTypes() {
        SimpleModule module = new SimpleModule("distri-place-domain");
        module.addSerializer(Color.class, new JsonSerializer<>() {
            @Override
            public void serialize(Color value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.hex());
            }
        });
        module.addDeserializer(Color.class, new JsonDeserializer<>() {
            @Override
            public Color deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (Color) ctxt.handleUnexpectedToken(Color.class, p);
                }
                return Color.parse(text).orElseThrow(
                    () -> ctxt.weirdStringException(text, Color.class, "expected #RRGGBB"));
            }
        });
        module.addSerializer(VectorClock.class, new JsonSerializer<>() {
            @Override
            public void serialize(VectorClock value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
                gen.writeStartObject();
                for (int i = 0; i < value.size(); i++) {
                    gen.writeNumberField(Integer.toString(value.nodeAt(i)), value.counterAt(i));
                }
                gen.writeEndObject();
            }
        });
        module.addDeserializer(VectorClock.class, new JsonDeserializer<>() {
            @Override
            public VectorClock deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    return (VectorClock) ctxt.handleUnexpectedToken(VectorClock.class, p);
                }
                int[] nodes = new int[4];
                long[] counters = new long[4];
                int count = 0;
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value != JsonToken.VALUE_NUMBER_INT || !isNodeId(name) || p.getLongValue() < 0) {
                        throw ctxt.weirdStringException(name, VectorClock.class,
                            "vector clock entries are \"nodeId\": non-negative integer");
                    }
                    if (count == nodes.length) {
                        nodes = Arrays.copyOf(nodes, count * 2);
                        counters = Arrays.copyOf(counters, count * 2);
                    }
                    nodes[count] = Integer.parseInt(name);
                    counters[count++] = p.getLongValue();
                }
                return VectorClock.of(nodes, counters, count);
            }
        });
        return module;
    }

    /** One to nine decimal digits (a node id), checked without a regular expression: it runs for every write. */
    private static boolean isNodeId(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Jackson type information for the sealed message family, kept out of the message records themselves. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PeerMessage.PixelUpdate.class, name = "PIXEL_UPDATE"),
        @JsonSubTypes.Type(value = PeerMessage.PlaceRejected.class, name = "PLACE_REJECTED"),
        @JsonSubTypes.Type(value = PeerMessage.Heartbeat.class, name = "HEARTBEAT"),
        @JsonSubTypes.Type(value = PeerMessage.Join.class, name = "JOIN"),
        @JsonSubTypes.Type(value = PeerMessage.Welcome.class, name = "WELCOME"),
        @JsonSubTypes.Type(value = PeerMessage.JoinRequest.class, name = "JOIN_REQUEST"),
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
    })
    private interface PeerMessageTypes {
    }
}
