package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A placement as a client sends it: integer x and y, a colour string. Anything else is a bad request. */
record PixelRequest(int x, int y, String color) {

    static final String SHAPE = "a placement is {\"x\": integer, \"y\": integer, \"color\": \"#RRGGBB\"}";

    static Optional<PixelRequest> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode x = body.get("x");
        JsonNode y = body.get("y");
        JsonNode color = body.get("color");
        if (x == null || y == null || color == null || !x.canConvertToInt() || !y.canConvertToInt()
            || !x.isIntegralNumber() || !y.isIntegralNumber() || !color.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new PixelRequest(x.intValue(), y.intValue(), color.textValue()));
    }
}
