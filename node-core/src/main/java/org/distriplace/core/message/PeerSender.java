package org.distriplace.core.message;

/**
 * Where protocol machines put outgoing messages. Never blocks and never throws; delivery is not guaranteed.
 */
@FunctionalInterface
public interface PeerSender {

    void send(int to, PeerMessage message);
}
