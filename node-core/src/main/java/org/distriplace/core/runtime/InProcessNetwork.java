package org.distriplace.core.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.node.Transport;

/**
 * Connects nodes that run in one process (demo mode, tests): a send is a hand-off to the receiver's thread.
 * Messages to a node that is not attached are lost, as on a real network. Thread-safe.
 */
public final class InProcessNetwork {

    private final Map<Integer, Node> nodes = new ConcurrentHashMap<>();

    /** The transport for node {@code self}. */
    public Transport transportFor(int self) {
        return (to, message) -> {
            Node receiver = nodes.get(to);
            if (receiver != null) {
                receiver.deliver(self, message);
            }
        };
    }

    public void attach(Node node) {
        nodes.put(node.id(), node);
    }

    /** Delivers a message as if it came from {@code from} (tests of hostile peers). */
    public void inject(int from, int to, PeerMessage message) {
        Node receiver = nodes.get(to);
        if (receiver != null) {
            receiver.deliver(from, message);
        }
    }
}
