package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.distriplace.core.model.Color;
import org.distriplace.core.engine.CanvasSettings;

/** The canvas's description for clients: what never changes while the server runs. */
final class CanvasViews {

    private CanvasViews() {
    }

    /** {@code {width, height, palette: ["#RRGGBB", ...], cooldownSeconds}}. */
    static ObjectNode info(CanvasSettings config) {
        ObjectNode info = Responses.JSON.createObjectNode().put("width", config.width())
            .put("height", config.height());
        ArrayNode palette = info.putArray("palette");
        for (Color color : config.palette().colors()) {
            palette.add(color.hex());
        }
        info.put("cooldownSeconds", config.cooldownMs() / 1000.0);
        return info;
    }
}
