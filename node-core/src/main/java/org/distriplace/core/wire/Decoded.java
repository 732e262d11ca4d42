package org.distriplace.core.wire;

import org.distriplace.core.message.PeerMessage;

/** The result of decoding one peer frame: a message, or a typed error. */
public sealed interface Decoded {

    /** A well-formed message. */
    record Ok(PeerMessage message) implements Decoded {
    }

    /** A frame that was refused, and why. */
    record Failed(DecodeError error) implements Decoded {
    }
}
