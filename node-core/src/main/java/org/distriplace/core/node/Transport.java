package org.distriplace.core.node;

import org.distriplace.core.message.PeerMessage;

/**
 * Sends peer messages. {@link #send} never blocks and never throws: a message may be lost, delayed, duplicated or
 * reordered, so every handler on the receiving side is idempotent. Delivery to the receiver happens on its node's
 * thread, through {@link NodeEngine#onMessage}.
 */
@FunctionalInterface
public interface Transport {

    void send(int to, PeerMessage message);
}
