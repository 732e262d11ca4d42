package org.distriplace.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Arrays;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;

/** How domain values look in JSON, shared by the peer codec and the event codec. */
public final class DomainJson {

    private DomainJson() {
    }

    /**
     * The strict reader both codecs use: snake_case fields, {@code typeInfo}'s Jackson type annotations on the
     * sealed family {@code family}, primitives never null, every record field present, nothing after the value;
     * unknown fields are ignored so newer peers can add some.
     */
    public static ObjectMapper strictMapper(Class<?> family, Class<?> typeInfo) {
        return JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(family, typeInfo)
            .addModule(module())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();
    }

    /** Serializers for colours ({@code #RRGGBB}) and vector clocks ({@code {"nodeId": counter}}). */
    public static SimpleModule module() {
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
}
