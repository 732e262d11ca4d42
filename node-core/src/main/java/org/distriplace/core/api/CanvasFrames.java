package org.distriplace.core.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.node.NodeEngine;

/**
 * The WebSocket {@code canvas} frame, encoded once per replica version and shared by every client that joins
 * before the next commit: a crowd joining at once costs one base64 encoding, not one each. Used only on the
 * node's thread (the cached buffer itself is shared read-only through retained duplicates).
 */
final class CanvasFrames {

    private VectorClock version;
    private ByteBuf encoded;

    /** A frame holding the current canvas; the caller sends it (and so releases it). */
    TextWebSocketFrame current(NodeEngine engine) {
        VectorClock now = engine.replica().version();
        if (encoded == null || !now.equals(version)) {
            String json = "{\"type\":\"canvas\",\"width\":" + engine.config().width() + ",\"height\":"
                + engine.config().height() + ",\"data\":\""
                + Base64.getEncoder().encodeToString(engine.replica().canvas().copyColors()) + "\"}";
            // Unreleasable: every send shares it through a duplicate; the garbage collector frees the bytes.
            encoded = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
            version = now;
        }
        return new TextWebSocketFrame(encoded.duplicate());
    }
}
