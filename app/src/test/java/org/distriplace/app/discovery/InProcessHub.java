package org.distriplace.app.discovery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A LAN in a test: every datagram sent reaches every open channel (the sender's too, as multicast loops back). */
public final class InProcessHub {

    private final List<Channel> open = new CopyOnWriteArrayList<>();

    /** A channel whose datagrams appear to come from {@code host}. */
    public DiscoveryChannel channel(String host) {
        return new Channel(host);
    }

    private final class Channel implements DiscoveryChannel {
        private final String host;
        private volatile Receiver receiver;

        Channel(String host) {
            this.host = host;
        }

        @Override
        public void open(Receiver receiving) {
            this.receiver = receiving;
            open.add(this);
        }

        @Override
        public void send(byte[] datagram) {
            for (Channel channel : open) {
                channel.receiver.received(datagram.clone(), datagram.length, host);
            }
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }
}
