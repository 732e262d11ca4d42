package org.distriplace.core.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.distriplace.core.message.PeerMessage;

/**
 * A peer's frames, as a member that holds the secret but sends garbage (or a bug) would: every frame decodes to a
 * message or a {@link DecodeError}, never an exception; and every message decoded survives encoding and decoding
 * again unchanged.
 */
class PeerFrameFuzzTest {

    private static final PeerCodec CODEC = new PeerCodec();

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(byte[] data) {
        Decoded decoded = CODEC.decode(data);
        if (decoded instanceof Decoded.Ok ok) {
            PeerMessage message = ok.message();
            byte[] encoded = CODEC.encode(message);
            Decoded again = CODEC.decode(encoded);
            // Compared encoded: messages holding arrays are not equal() to their copies.
            if (!(again instanceof Decoded.Ok back) || !Arrays.equals(CODEC.encode(back.message()), encoded)) {
                throw new AssertionError("does not survive a round trip: " + message + " -> " + again);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void frames(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
