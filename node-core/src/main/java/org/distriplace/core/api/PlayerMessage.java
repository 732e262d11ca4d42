package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PlaceError;

/**
 * What a player's WebSocket text frame asks for, read from the frame alone (no node, no channel): a {@code ping},
 * a {@code place}, or something the session refuses with an {@code error} frame and then ignores. Strangers write
 * these frames, so every input reads as one of the three, never an exception.
 */
sealed interface PlayerMessage {

    /** {@code {"type":"ping"}}: answered {@code pong}. */
    record Ping() implements PlayerMessage {
    }

    /** {@code {"type":"place","x","y","color","requestId"}} with a palette-shaped colour. */
    record Place(int x, int y, Color color, JsonNode requestId) implements PlayerMessage {
    }

    /** Anything else: the {@code error} frame's code and message (with the request's id when it had one). */
    record Refused(String code, String message, JsonNode requestId) implements PlayerMessage {
    }

    /** Reads one text frame. */
    static PlayerMessage parse(String text) {
        JsonNode message;
        try {
            message = Responses.JSON.readTree(text);
        } catch (IOException e) {
            return new Refused("BAD_REQUEST", "not JSON", null);
        }
        String type = message == null ? "" : message.path("type").asText("");
        switch (type) {
            case "ping":
                return new Ping();
            case "place":
                return place(message);
            default:
                return new Refused("BAD_REQUEST", "unknown message type '" + type + "'", null);
        }
    }

    private static PlayerMessage place(JsonNode message) {
        JsonNode requestId = message.get("requestId");
        Optional<PixelRequest> request = PixelRequest.parse(message);
        if (request.isEmpty()) {
            return new Refused("BAD_REQUEST", PixelRequest.SHAPE, requestId);
        }
        Optional<Color> color = Color.parse(request.get().color());
        if (color.isEmpty()) {
            return new Refused(PlaceError.BAD_COLOR.name(), "colours are #RRGGBB from the palette", requestId);
        }
        return new Place(request.get().x(), request.get().y(), color.get(), requestId);
    }
}
