package org.distriplace.core.node;

import java.util.Map;
import org.distriplace.core.message.PeerMessage;

/**
 * Sends peer messages. {@link #send} never blocks and never throws: a message may be lost, delayed, duplicated or
 * reordered, so every handler on the receiving side is idempotent. Delivery to the receiver happens on its node's
 * thread, through {@link NodeEngine#onMessage}.
 */
@FunctionalInterface
public interface Transport {

    void send(int to, PeerMessage message);

    /**
     * Peer addresses learned from the protocol (a configuration that committed, or a node asking to join), so the
     * transport can dial nodes it was not started with. Empty addresses mean "unknown" and are ignored.
     */
    default void learnAddresses(Map<Integer, String> addresses) {
    }
}
