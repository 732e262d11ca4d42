package org.distriplace.core.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.node.Transport;
import org.distriplace.core.wire.PeerCodec;
import org.distriplace.core.wire.Wire;

/**
 * Peer messages over TCP (Netty): one message per length-prefixed frame, JSON or compact as each connection's
 * handshake chose ({@link Wire}). Every node accepts connections on its peer port (to receive) and dials every peer
 * (to send), so each pair of nodes shares two connections, each authenticated by the cluster secret before any
 * message passes (see {@link Handshake}). Any node that proves the secret may connect, members or not: a node
 * asking to join is not a member yet, and the engine decides what a non-member may say. Peers learned later
 * ({@link #learnAddresses}) are dialed from then on.
 *
 * <p>{@link #send} never blocks and never throws: it hands the message to the peer's link, which encodes it on
 * the connection's event loop (not on the node's thread), or drops it if the peer is unreachable for long. Received
 * messages go to the {@link Inbox} on Netty's threads. Thread-safe.
 */
public final class PeerTransport implements Transport, AutoCloseable {

    static final AttributeKey<OutboundLink> LINK = AttributeKey.valueOf("distri-place-link");

    /** Where received messages go (called on Netty's threads; must hand off, not block). */
    @FunctionalInterface
    public interface Inbox {
        void deliver(int from, PeerMessage message);
    }

    /**
     * Limits and timeouts of the transport, and the wire it offers.
     *
     * @param wire     {@link Wire#BINARY} to send (and take) the hot messages in compact form where the peer
     *                 agrees; {@link Wire#JSON} for the seed's JSON on every connection of this node
     * @param settings the settings every member must share, compared with each peer's at the handshake; null to
     *                 compare none
     */
    public record Options(int maxFrameBytes, long idleTimeoutMs, long handshakeTimeoutMs, Wire wire,
                          ClusterSettings settings) {

        /** The given limits, on the binary wire. */
        public Options(int maxFrameBytes, long idleTimeoutMs, long handshakeTimeoutMs) {
            this(maxFrameBytes, idleTimeoutMs, handshakeTimeoutMs, Wire.BINARY, null);
        }

        /** 16 MiB frames; a connection silent for 20 s is closed; 5 s to complete a handshake; binary wire. */
        public static Options defaults() {
            return new Options(PeerCodec.DEFAULT_MAX_FRAME_BYTES, 20_000, 5_000);
        }

        public Options withWire(Wire chosen) {
            return new Options(maxFrameBytes, idleTimeoutMs, handshakeTimeoutMs, chosen, settings);
        }

        public Options withSettings(ClusterSettings shared) {
            return new Options(maxFrameBytes, idleTimeoutMs, handshakeTimeoutMs, wire, shared);
        }
    }

    /** Counters for status pages and tests. */
    public record Stats(long sent, long dropped, long received, long malformed, long refusedConnections) {
    }

    private static final int OUTBOUND_LOW_WATER_BYTES = 32 << 20;
    private static final int OUTBOUND_HIGH_WATER_BYTES = 128 << 20;

    private final int self;
    private final String bindHost;
    private final int port;
    private final Map<Integer, PeerAddress> peers = new TreeMap<>();
    private final ClusterSecret secret;
    private final PeerCodec codec;
    private final Inbox inbox;
    private final Options options;
    private final Map<Integer, OutboundLink> links = new TreeMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final PeerTraffic traffic = new PeerTraffic();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<OutgoingMessage> lastEncoded = new AtomicReference<>();
    private final SettingsAgreement agreement;
    private final boolean ownsGroup;
    private EventLoopGroup group;
    private Channel server;
    private Bootstrap dialer;

    /** A transport on event loops of its own. */
    public PeerTransport(int self, String bindHost, int port, List<PeerAddress> peers, ClusterSecret secret,
                         PeerCodec codec, Inbox inbox, Options options) {
        this(self, bindHost, port, peers, secret, codec, inbox, options, null);
    }

    /**
     * @param port  the peer port to listen on (0 picks a free one; see {@link #port()})
     * @param peers every other member's address
     * @param group the node's event loops, shared with its HTTP server and left running on close; null for loops
     *              of the transport's own
     */
    public PeerTransport(int self, String bindHost, int port, List<PeerAddress> peers, ClusterSecret secret,
                         PeerCodec codec, Inbox inbox, Options options, EventLoopGroup group) {
        this.self = self;
        this.bindHost = bindHost;
        this.port = port;
        peers.forEach(peer -> this.peers.put(peer.id(), peer));
        this.secret = secret;
        this.codec = codec;
        this.inbox = inbox;
        this.options = options;
        this.agreement = new SettingsAgreement(options.settings());
        this.ownsGroup = group == null;
        this.group = group;
    }

    /**
     * The peers whose cluster-wide settings differ from this node's, each with the differences in words: refused at
     * the handshake, either way, until they agree. Thread-safe.
     */
    public Map<Integer, String> settingsConflicts() {
        return agreement.conflicts();
    }

    /** Binds the peer port and starts dialing every peer. */
    public void start() throws InterruptedException {
        if (ownsGroup) {
            group = new NioEventLoopGroup(2);
        }
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    framing(channel);
                    channel.pipeline().addLast(PeerPipeline.IDLE,
                        new IdleStateHandler(options.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
                    channel.pipeline().addLast(PeerPipeline.HANDSHAKE, new AcceptorHandshake(self, secret,
                        options.handshakeTimeoutMs(), peer -> new InboundMessages(peer, codec, inbox, received,
                        malformed, traffic), refused::incrementAndGet, PeerTransport.this::peerIsBack,
                        options.wire(), agreement));
                }
            })
            .bind(new InetSocketAddress(bindHost, port)).sync().channel();
        dialer = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000)
            // A busy peer must not lose messages: Netty's 64 KiB default turned one large PREPARE into dropped
            // votes and forwarded writes. Only a peer this far behind (stuck, not slow) loses messages.
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(OUTBOUND_LOW_WATER_BYTES, OUTBOUND_HIGH_WATER_BYTES))
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    framing(channel);
                    OutboundLink link = channel.attr(LINK).get();
                    channel.pipeline().addLast(PeerPipeline.HANDSHAKE,
                        new DialerHandshake(self, link.peer(), secret, link, options.wire(), agreement));
                }
            });
        synchronized (links) {
            peers.forEach(this::dial);
        }
    }

    /** Starts a link to a peer not dialed yet. Called holding {@code links}. */
    private void dial(int id, PeerAddress address) {
        if (id != self && !links.containsKey(id)) {
            OutboundLink link = new OutboundLink(id, address, dialer, dropped, traffic);
            links.put(id, link);
            link.connect();
        }
    }

    /** Dials peers named by the protocol ({@code host:port}) that this transport was not started with. */
    @Override
    public void learnAddresses(Map<Integer, String> addresses) {
        synchronized (links) {
            if (dialer == null) {
                return;
            }
            addresses.forEach((id, hostPort) -> {
                if (!hostPort.isEmpty() && !links.containsKey(id) && id != self) {
                    try {
                        dial(id, PeerAddress.parse(id + "@" + hostPort));
                    } catch (IllegalArgumentException malformed) {
                        dropped.incrementAndGet();
                    }
                }
            });
        }
    }

    private void framing(SocketChannel channel) {
        channel.pipeline().addLast(PeerPipeline.FRAME_DECODER,
            new LengthFieldBasedFrameDecoder(options.maxFrameBytes(), 0, 4, 0, 4));
        channel.pipeline().addLast(PeerPipeline.FRAME_ENCODER, new LengthFieldPrepender(4));
    }

    private void peerIsBack(int peer) {
        OutboundLink link;
        synchronized (links) {
            link = links.get(peer);
        }
        if (link != null) {
            link.peerIsBack();
        }
    }

    /** The bound peer port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void send(int to, PeerMessage message) {
        OutboundLink link;
        synchronized (links) {
            link = links.get(to);
        }
        if (link == null) {
            dropped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        link.send(outgoing(message));
    }

    /** Bytes sent to and received from peers, by message kind. */
    public PeerTraffic traffic() {
        return traffic;
    }

    /**
     * The message to send, encoded once however many peers it goes to in turn (a PREPARE to every follower is the
     * leader's largest message). Messages are immutable records, so the same object means the same bytes.
     */
    private OutgoingMessage outgoing(PeerMessage message) {
        OutgoingMessage last = lastEncoded.get();
        if (last != null && last.message() == message) {
            return last;
        }
        OutgoingMessage next = new OutgoingMessage(message, codec);
        lastEncoded.set(next);
        return next;
    }

    /** The wire the connection to {@code peer} agreed on (its last one, if down); null for a peer never dialed. */
    public Wire wireTo(int peer) {
        OutboundLink link;
        synchronized (links) {
            link = links.get(peer);
        }
        return link == null ? null : link.wire();
    }

    /** Peers whose outbound connection is up and authenticated. */
    public Set<Integer> connectedPeers() {
        Set<Integer> connected = new HashSet<>();
        synchronized (links) {
            links.forEach((id, link) -> {
                if (link.isConnected()) {
                    connected.add(id);
                }
            });
        }
        return connected;
    }

    public Stats stats() {
        return new Stats(sent.get(), dropped.get(), received.get(), malformed.get(), refused.get());
    }

    @Override
    public void close() {
        synchronized (links) {
            links.values().forEach(OutboundLink::close);
        }
        if (server != null) {
            server.close();
        }
        if (group != null && ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
