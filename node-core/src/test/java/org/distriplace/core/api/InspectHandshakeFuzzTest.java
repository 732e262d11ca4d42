package org.distriplace.core.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.testing.QuietLogs;

/**
 * What a stranger says to a node's {@code /inspect} WebSocket after its challenge: no input without the secret
 * makes it an inspector, and nothing escapes the session.
 */
class InspectHandshakeFuzzTest {

    private static final Inspectors INSPECTORS = new Inspectors(new EventTap(EventSink.NONE),
        new ClusterSecret("fuzzing-secret"));

    static {
        QuietLogs.silence();
    }

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(byte[] data) {
        EmbeddedChannel channel = new EmbeddedChannel(new InspectSession(1, INSPECTORS, null));
        try {
            channel.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/inspect",
                new DefaultHttpHeaders(), null));
            channel.writeInbound(new TextWebSocketFrame(new String(data, StandardCharsets.UTF_8)));
            channel.checkException();
            if (INSPECTORS.size() > 0) {
                throw new AssertionError("a stranger without the secret became an inspector");
            }
            // A teacher's command, as a proven channel reads it: refused or read, nothing else.
            try {
                JsonNode json = Responses.JSON.readTree(data);
                if (json != null && json.isObject()) {
                    TeacherControl.parse(json).ifPresent(TeacherControl::canonical);
                }
            } catch (IOException notJson) {
                // never read as a command
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void hello(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
