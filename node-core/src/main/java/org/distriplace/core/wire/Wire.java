package org.distriplace.core.wire;

import java.util.Locale;

/**
 * How a peer connection encodes its messages, chosen at the handshake: {@link #BINARY} sends the hot messages
 * (forwarded batches, PREPARE, sync deltas) in {@link CompactCodec}'s form and the rest as JSON; {@link #JSON}
 * sends everything as the seed's JSON, for teaching and debugging ({@code --wire json}). A node reads both.
 */
public enum Wire {
    BINARY, JSON;

    /** The name used in the handshake and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire named {@code label}, or null for a name this node does not know. */
    public static Wire ofLabel(String label) {
        for (Wire wire : values()) {
            if (wire.label().equals(label)) {
                return wire;
            }
        }
        return null;
    }
}
