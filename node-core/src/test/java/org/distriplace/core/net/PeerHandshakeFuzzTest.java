package org.distriplace.core.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.testing.QuietLogs;
import org.distriplace.core.wire.PeerCodec;

/**
 * Bytes a stranger sends to a node's peer port, through the framing and the acceptor's handshake as the node runs
 * them: no input without the secret is accepted as a peer, and nothing escapes the pipeline.
 */
class PeerHandshakeFuzzTest {

    private static final ClusterSecret SECRET = new ClusterSecret("fuzzing-secret");
    private static final PeerCodec CODEC = new PeerCodec();

    static {
        QuietLogs.silence();
    }

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(byte[] data) {
        AtomicLong accepted = new AtomicLong();
        EmbeddedChannel channel = new EmbeddedChannel(
            new LengthFieldBasedFrameDecoder(PeerCodec.DEFAULT_MAX_FRAME_BYTES, 0, 4, 0, 4),
            new LengthFieldPrepender(4),
            new AcceptorHandshake(1, SECRET, 10_000, peer -> new InboundMessages(peer, CODEC, (from, message) -> { },
                new AtomicLong(), new AtomicLong(), new PeerTraffic()), new AtomicLong()::incrementAndGet,
                peer -> accepted.incrementAndGet(), org.distriplace.core.wire.Wire.BINARY, new SettingsAgreement(
                    ClusterSettings.of(100, 100, java.util.List.of("#FFFFFF"), 0, 0, java.util.Set.of()))));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(data));
            channel.checkException();
            if (accepted.get() > 0) {
                throw new AssertionError("a stranger without the secret was accepted as a peer");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void handshake(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
