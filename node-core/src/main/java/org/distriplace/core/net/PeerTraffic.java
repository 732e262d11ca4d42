package org.distriplace.core.net;

import java.util.concurrent.atomic.LongAdder;
import org.distriplace.core.message.MessageKind;

/**
 * Bytes of peer messages sent and received, by kind: what catching up (SYNC_*, HISTORY_*), committing and
 * heartbeats cost on the wire. Thread-safe; counted on Netty's event loops and the node's thread.
 */
public final class PeerTraffic {

    private final LongAdder[] sent = adders();
    private final LongAdder[] received = adders();

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[MessageKind.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void sent(MessageKind kind, int bytes) {
        sent[kind.ordinal()].add(bytes);
    }

    void received(MessageKind kind, int bytes) {
        received[kind.ordinal()].add(bytes);
    }

    /** Bytes of {@code kind} messages sent to peers (once per peer a message goes to). */
    public long bytesSent(MessageKind kind) {
        return sent[kind.ordinal()].sum();
    }

    public long bytesReceived(MessageKind kind) {
        return received[kind.ordinal()].sum();
    }
}
