package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeConfig;

/** JSON views of the canvas, built on the node's thread. */
final class CanvasViews {

    private CanvasViews() {
    }

    /** {@code {width, height, palette: ["#RRGGBB", ...], cooldownSeconds}}. */
    static ObjectNode info(NodeConfig config) {
        ObjectNode info = Responses.JSON.createObjectNode().put("width", config.width())
            .put("height", config.height());
        ArrayNode palette = info.putArray("palette");
        for (Color color : config.palette().colors()) {
            palette.add(color.hex());
        }
        info.put("cooldownSeconds", config.cooldownMs() / 1000.0);
        return info;
    }

    /** The seed's {@code GET /canvas}: the non-background pixels by {@code "x,y"}, and the version vector. */
    static ObjectNode pixels(CanvasReplica canvas, VectorClock version) {
        ObjectNode body = Responses.JSON.createObjectNode().put("width", canvas.width())
            .put("height", canvas.height());
        ObjectNode pixels = body.putObject("pixels");
        int background = canvas.palette().backgroundIndex();
        for (int y = 0; y < canvas.height(); y++) {
            for (int x = 0; x < canvas.width(); x++) {
                if (canvas.colorIndexAt(x, y) != background) {
                    pixels.put(x + "," + y, canvas.colorAt(x, y).hex());
                }
            }
        }
        ObjectNode versionNode = body.putObject("version");
        for (Map.Entry<Integer, Long> entry : version.asMap().entrySet()) {
            versionNode.put(Integer.toString(entry.getKey()), entry.getValue());
        }
        return body;
    }
}
