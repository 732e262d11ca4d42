package org.distriplace.app.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.Collections;

/**
 * Beacons on the LAN: UDP multicast to an administratively scoped IPv4 group, time-to-live 1 (never routed off
 * the local network), on one network interface. Only the desktop app opens one; tests use an in-process hub.
 */
public final class MulticastChannel implements DiscoveryChannel {

    /** The group and port distri-place beacons use. */
    public static final String GROUP = "239.255.77.77";
    public static final int PORT = 47_077;

    private final NetworkInterface nic;
    private final InetSocketAddress group;
    private DatagramChannel channel;
    private MembershipKey membership;
    private Thread listener;

    /** @param nic the interface to send and listen on */
    public MulticastChannel(NetworkInterface nic) throws IOException {
        this.nic = nic;
        this.group = new InetSocketAddress(InetAddress.getByName(GROUP), PORT);
    }

    /**
     * The interface named {@code name}, or when null the first that is up, not loopback, and supports multicast
     * with an IPv4 address.
     */
    public static NetworkInterface chooseInterface(String name) throws IOException {
        if (name != null) {
            NetworkInterface named = NetworkInterface.getByName(name);
            if (named == null) {
                throw new IOException("no network interface named " + name);
            }
            return named;
        }
        for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (candidate.isUp() && !candidate.isLoopback() && candidate.supportsMulticast()
                && candidate.inetAddresses().anyMatch(a -> a instanceof Inet4Address)) {
                return candidate;
            }
        }
        throw new IOException("no network interface for LAN discovery (up, multicast, IPv4)");
    }

    @Override
    public void open(Receiver receiver) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET)
            .setOption(StandardSocketOptions.SO_REUSEADDR, true)
            .bind(new InetSocketAddress(PORT))
            .setOption(StandardSocketOptions.IP_MULTICAST_IF, nic)
            .setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1)
            .setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        membership = channel.join(group.getAddress(), nic);
        listener = new Thread(() -> listen(receiver), "discovery-" + nic.getName());
        listener.setDaemon(true);
        listener.start();
    }

    private void listen(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(Beacon.MAX_BYTES + 1);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from instanceof InetSocketAddress sender) {
                    receiver.received(buffer.array(), buffer.position(), sender.getAddress().getHostAddress());
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // One bad datagram or receiver failure must not end discovery.
            }
        }
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        channel.send(ByteBuffer.wrap(datagram), group);
    }

    @Override
    public void close() {
        try {
            if (membership != null) {
                membership.drop();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing: nothing left to do with a failure.
        }
    }
}
