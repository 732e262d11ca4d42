package org.distriplace.core.net;

import java.util.EnumMap;
import java.util.Map;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.wire.PeerCodec;
import org.distriplace.core.wire.Wire;

/**
 * A message on its way to one or more peers, encoded lazily, at most once per wire, by whichever connection's
 * event loop needs it first. Thread-safe.
 */
final class OutgoingMessage {

    private final PeerMessage message;
    private final PeerCodec codec;
    private final Map<Wire, byte[]> frames = new EnumMap<>(Wire.class);

    OutgoingMessage(PeerMessage message, PeerCodec codec) {
        this.message = message;
        this.codec = codec;
    }

    PeerMessage message() {
        return message;
    }

    /** The frame for a connection on {@code wire}. */
    synchronized byte[] frame(Wire wire) {
        return frames.computeIfAbsent(wire, chosen -> codec.encode(message, chosen));
    }
}
