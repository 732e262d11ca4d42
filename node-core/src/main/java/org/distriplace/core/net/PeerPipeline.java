package org.distriplace.core.net;

/** Names of the peer connection's pipeline stages. */
final class PeerPipeline {

    static final String FRAME_DECODER = "frame-decoder";
    static final String FRAME_ENCODER = "frame-encoder";
    static final String IDLE = "idle";
    static final String HANDSHAKE = "handshake";
    static final String MESSAGES = "messages";

    private PeerPipeline() {
    }
}
