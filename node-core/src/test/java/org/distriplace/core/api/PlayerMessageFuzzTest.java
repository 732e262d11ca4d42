package org.distriplace.core.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.distriplace.core.testing.ExpectedRefusal;
import org.distriplace.core.testing.QuietLogs;

/**
 * A player's WebSocket bytes as strangers send them: through the server's frame decoder (64 KiB frames, masked, as
 * the node runs it), each text frame read as a {@link PlayerMessage}; every input is a ping, a placement or a
 * refusal, never an exception.
 */
class PlayerMessageFuzzTest {

    static {
        QuietLogs.silence();
    }

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(byte[] data) {
        check(PlayerMessage.parse(new String(data, StandardCharsets.UTF_8)));
        // A frame breaking the protocol (bad bits, too long): the decoder sends its close frame and the session
        // closes the connection.
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 64 * 1024, false),
            new ExpectedRefusal(CorruptedWebSocketFrameException.class));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(data));
            channel.checkException();
            for (Object frame; (frame = channel.readInbound()) != null; ) {
                if (frame instanceof TextWebSocketFrame text) {
                    check(PlayerMessage.parse(text.text()));
                }
                ((WebSocketFrame) frame).release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void check(PlayerMessage message) {
        if (message instanceof PlayerMessage.Place place && place.color() == null) {
            throw new AssertionError("a placement without a colour");
        }
        if (message instanceof PlayerMessage.Refused refused && (refused.code().isEmpty()
            || refused.message().isEmpty())) {
            throw new AssertionError("a refusal that says nothing");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void frames(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
