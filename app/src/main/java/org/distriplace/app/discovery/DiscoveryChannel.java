package org.distriplace.app.discovery;

import java.io.IOException;

/**
 * Where beacons go and come from: the LAN's multicast group in the app, an in-process hub in tests (tests never
 * send multicast or broadcast packets).
 */
public interface DiscoveryChannel extends AutoCloseable {

    /** Told of each datagram received, with the sender's address; called on the channel's own thread. */
    @FunctionalInterface
    interface Receiver {
        void received(byte[] datagram, int length, String fromHost);
    }

    /** Starts delivering received datagrams to {@code receiver}. */
    void open(Receiver receiver) throws IOException;

    /** Sends one datagram to every listener. */
    void send(byte[] datagram) throws IOException;

    @Override
    void close();
}
