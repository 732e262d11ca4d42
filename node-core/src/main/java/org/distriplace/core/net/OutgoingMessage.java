package org.distriplace.core.net;

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
    private byte[] json;
    private byte[] binary;

    OutgoingMessage(PeerMessage message, PeerCodec codec) {
        this.message = message;
        this.codec = codec;
    }

    PeerMessage message() {
        return message;
    }

    /** The frame for a connection on {@code wire}. */
    synchronized byte[] frame(Wire wire) {
        if (wire == Wire.BINARY) {
            if (binary == null) {
                binary = codec.encode(message, Wire.BINARY);
            }
            return binary;
        }
        if (json == null) {
            json = codec.encode(message);
        }
        return json;
    }
}
