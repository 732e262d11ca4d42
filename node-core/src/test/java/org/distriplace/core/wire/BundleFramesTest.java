package org.distriplace.core.wire;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distriplace.core.message.GroupMessages.Part;
import org.distriplace.core.message.PeerMessage;
import org.junit.jupiter.api.Test;

/** Bundles of several groups' messages (ADR 0017) on both wires, and the bundles a peer must never get through. */
class BundleFramesTest {

    private final PeerCodec codec = new PeerCodec(64 * 1024);

    /** Three groups' messages from node 3: a vote, a proposal the compact form covers, a commit. */
    static PeerMessage.Bundle bundle() {
        return new PeerMessage.Bundle(3, List.of(
            new Part(0, new PeerMessage.Vote(42, 5, 3, true)),
            new Part(2, new PeerMessage.Prepare(7, 2, 3, List.of(write(3, 1, 4, 4), write(3, 2, 5, 5)), null)),
            new Part(7, new PeerMessage.Commit(6, 2, 3))));
    }

    @Test
    void aBundleReadsBackOnBothWires() {
        for (Wire wire : Wire.values()) {
            byte[] frame = codec.encode(bundle(), wire);
            PeerMessage read = assertInstanceOf(Decoded.Ok.class, codec.decode(frame), wire.label()).message();
            assertEquals(codec.encodeToString(bundle()), codec.encodeToString(read), wire.label());
        }
        assertTrue(codec.encodeToString(bundle()).startsWith("{\"type\":\"BUNDLE\",\"node_id\":3,\"parts\":[{\"group\""
            + ":0,\"message\":{\"type\":\"VOTE\""), codec.encodeToString(bundle()));
    }

    @Test
    void eachPartOnTheBinaryWireIsTheFrameItsMessageWouldBeAlone() {
        byte[] frame = codec.encode(bundle(), Wire.BINARY);
        assertEquals(BundleFrames.TAG, frame[0]);
        byte[] prepare = codec.encode(bundle().parts().get(1).message(), Wire.BINARY);
        assertTrue(CompactCodec.isCompact(prepare[0]), "the proposal is compact inside the bundle too");
        assertTrue(indexOf(frame, prepare) > 0, "the proposal's own frame is inside the bundle's");
    }

    @Test
    void bundlesDoNotNestOnEitherWire() {
        assertThrows(IllegalArgumentException.class, () -> new Part(1, bundle()));
        String nested = "{\"type\":\"BUNDLE\",\"node_id\":3,\"parts\":[{\"group\":1,\"message\":"
            + codec.encodeToString(bundle()) + "}]}";
        assertEquals(DecodeError.Reason.BAD_FIELD, reason(nested.getBytes(StandardCharsets.UTF_8)));
        byte[] inner = codec.encode(bundle(), Wire.BINARY);
        Varints.Out out = new Varints.Out();
        out.raw(BundleFrames.TAG);
        out.varint(3);
        out.varint(1);
        out.varint(1);
        out.varint(inner.length);
        out.bytes(inner);
        assertEquals(DecodeError.Reason.MALFORMED_BINARY, reason(out.toByteArray()));
    }

    @Test
    void emptyCutOffAndOverlongBundlesAreMalformed() {
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"BUNDLE\",\"node_id\":3,\"parts\":[]}"
            .getBytes(StandardCharsets.UTF_8)));
        assertEquals(DecodeError.Reason.MALFORMED_BINARY, reason(new byte[] {BundleFrames.TAG, 3, 0}));
        byte[] whole = codec.encode(bundle(), Wire.BINARY);
        for (int length = 1; length < whole.length; length++) {
            assertEquals(DecodeError.Reason.MALFORMED_BINARY, reason(Arrays.copyOf(whole, length)), "cut at " + length);
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertEquals(DecodeError.Reason.MALFORMED_BINARY, reason(longer));
    }

    @Test
    void mutatedBundlesNeverEscapeAsExceptions() {
        Random random = new Random(11);
        byte[] whole = codec.encode(bundle(), Wire.BINARY);
        for (int i = 0; i < 5_000; i++) {
            byte[] frame = whole.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            Decoded decoded = codec.decode(frame);
            assertTrue(decoded instanceof Decoded.Ok || decoded instanceof Decoded.Failed);
        }
    }

    private DecodeError.Reason reason(byte[] frame) {
        return assertInstanceOf(Decoded.Failed.class, codec.decode(frame)).error().reason();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        return -1;
    }
}
