package org.distriplace.core.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.distriplace.core.message.GroupMessages;
import org.distriplace.core.message.PeerMessage;

/**
 * A {@code BUNDLE} on the binary wire (ADR 0017): its tag byte, the sender, the number of parts, then each part's
 * group, its frame's length and the frame itself, compact or JSON as {@link PeerCodec} would send that message
 * alone. A part that does not read, or a bundle inside a bundle, spoils the whole frame: nothing of it is handled.
 * Pure and stateless.
 */
final class BundleFrames {

    /** The first byte of a binary bundle: the compact tags' next number (see {@link CompactCodec#isCompact}). */
    static final byte TAG = 4;

    private BundleFrames() {
    }

    /** {@code bundle} with each part's message framed by {@code frame}. */
    static byte[] encode(PeerMessage.Bundle bundle, Function<PeerMessage, byte[]> frame) {
        Varints.Out out = new Varints.Out();
        out.raw(TAG);
        out.varint(bundle.nodeId());
        out.varint(bundle.parts().size());
        for (GroupMessages.Part part : bundle.parts()) {
            byte[] inner = frame.apply(part.message());
            out.varint(part.group());
            out.varint(inner.length);
            out.bytes(inner);
        }
        return out.toByteArray();
    }

    /** The bundle in {@code frame}, each part's frame read by {@code read}; a failure names the first bad part. */
    static Decoded decode(byte[] frame, Function<byte[], Decoded> read) {
        try {
            Varints.In in = new Varints.In(frame);
            in.raw();
            int nodeId = in.varintInt();
            // A part is at least three bytes: its group, its length and a one-byte frame.
            int count = in.count(3);
            if (count < 1 || count > GroupMessages.MAX_PARTS) {
                return failed("a bundle holds 1 to " + GroupMessages.MAX_PARTS + " parts, not " + count);
            }
            List<GroupMessages.Part> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int group = in.varintInt();
                byte[] inner = in.bytes(in.count(1));
                if (inner.length > 0 && inner[0] == TAG) {
                    return failed("part " + i + " is a bundle: bundles do not nest");
                }
                Decoded decoded = read.apply(inner);
                if (!(decoded instanceof Decoded.Ok ok)) {
                    return failed("part " + i + ": " + ((Decoded.Failed) decoded).error().message());
                }
                parts.add(new GroupMessages.Part(group, ok.message()));
            }
            if (!in.done()) {
                return failed("bytes left after a BUNDLE");
            }
            return new Decoded.Ok(new PeerMessage.Bundle(nodeId, parts));
        } catch (RuntimeException e) {
            return failed(String.valueOf(e.getMessage()));
        }
    }

    private static Decoded failed(String why) {
        return new Decoded.Failed(new DecodeError(DecodeError.Reason.MALFORMED_BINARY, why));
    }
}
