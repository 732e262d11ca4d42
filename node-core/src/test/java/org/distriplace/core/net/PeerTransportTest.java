package org.distriplace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.testing.Await;
import org.distriplace.core.model.TestWrites;
import org.distriplace.core.wire.PeerCodec;
import org.distriplace.core.wire.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {

    private record Received(int from, PeerMessage message) {
    }

    private final List<PeerTransport> transports = new ArrayList<>();
    private final int port1 = LoopbackPorts.next();
    private final int port2 = LoopbackPorts.next();
    private final LinkedBlockingQueue<Received> inbox1 = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> inbox2 = new LinkedBlockingQueue<>();

    private PeerTransport start(int self, int port, String secret, List<PeerAddress> peers,
                                LinkedBlockingQueue<Received> inbox) throws InterruptedException {
        return start(self, port, secret, peers, inbox, Wire.BINARY);
    }

    private PeerTransport start(int self, int port, String secret, List<PeerAddress> peers,
                                LinkedBlockingQueue<Received> inbox, Wire wire) throws InterruptedException {
        return start(self, port, secret, peers, inbox, wire, null);
    }

    private PeerTransport start(int self, int port, String secret, List<PeerAddress> peers,
                                LinkedBlockingQueue<Received> inbox, Wire wire, ClusterSettings settings)
        throws InterruptedException {
        PeerTransport transport = new PeerTransport(self, "127.0.0.1", port, peers, new ClusterSecret(secret),
            new PeerCodec(64 * 1024), (from, message) -> inbox.add(new Received(from, message)),
            new PeerTransport.Options(64 * 1024, 20_000, 2_000, wire, settings));
        transport.start();
        transports.add(transport);
        return transport;
    }

    private PeerTransport node1(String secret) throws InterruptedException {
        return start(1, port1, secret, List.of(new PeerAddress(2, "127.0.0.1", port2)), inbox1);
    }

    private PeerTransport node2(String secret) throws InterruptedException {
        return start(2, port2, secret, List.of(new PeerAddress(1, "127.0.0.1", port1)), inbox2);
    }

    @AfterEach
    void stop() {
        transports.forEach(PeerTransport::close);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Duration.ofSeconds(10), condition);
    }

    @Test
    void peersWithTheSecretExchangeMessagesBothWays() throws Exception {
        PeerTransport one = node1("s3cret");
        PeerTransport two = node2("s3cret");
        await("both links up", () -> one.connectedPeers().contains(2) && two.connectedPeers().contains(1));
        one.send(2, new PeerMessage.Answer(1, 7));
        two.send(1, new PeerMessage.Coordinator(2, 8));
        assertEquals(new Received(1, new PeerMessage.Answer(1, 7)), inbox2.poll(5, TimeUnit.SECONDS));
        assertEquals(new Received(2, new PeerMessage.Coordinator(2, 8)), inbox1.poll(5, TimeUnit.SECONDS));
    }

    /** A PREPARE and a forwarded batch: compact between two binary nodes, JSON as soon as either side asks for it. */
    @Test
    void theWireIsBinaryOnlyWhereBothSidesWantItAndMessagesArriveTheSameEitherWay() throws Exception {
        PeerMessage prepare = new PeerMessage.Prepare(9, 2, 1, List.of(
            TestWrites.write(1, 5, 3, 4), TestWrites.write(1, 6, 7, 8)), new PeerMessage.Decision(8, true));
        PeerMessage forwarded = new PeerMessage.PixelUpdates(2, List.of(new PeerMessage.PixelUpdate(2, 77, "ada", 1,
            2, org.distriplace.core.model.Color.of("#FF4500"), 1_000, VectorClock.EMPTY.with(1, 4))));
        for (Wire second : List.of(Wire.BINARY, Wire.JSON)) {
            int first = LoopbackPorts.next();
            int other = LoopbackPorts.next();
            PeerTransport one = start(1, first, "s3cret", List.of(new PeerAddress(2, "127.0.0.1", other)), inbox1,
                Wire.BINARY);
            PeerTransport two = start(2, other, "s3cret", List.of(new PeerAddress(1, "127.0.0.1", first)), inbox2,
                second);
            await("both links up", () -> one.connectedPeers().contains(2) && two.connectedPeers().contains(1));
            assertEquals(second, one.wireTo(2), "binary only if the acceptor takes it");
            assertEquals(second, two.wireTo(1), "binary only if the dialer offers it");
            one.send(2, prepare);
            two.send(1, forwarded);
            assertEquals(new Received(1, prepare), inbox2.poll(5, TimeUnit.SECONDS));
            assertEquals(new Received(2, forwarded), inbox1.poll(5, TimeUnit.SECONDS));
            long prepareBytes = one.traffic().bytesSent(prepare.kind());
            assertTrue(second == Wire.BINARY ? prepareBytes < 120 : prepareBytes > 300,
                second + " wire: a two-write PREPARE took " + prepareBytes + " bytes");
        }
    }

    /** Issue 25: moderators, cooldown, canvas and palette were set per node and silently differed. */
    @Test
    void peersWhoseClusterSettingsDifferAreRefusedNamingEachDifferenceUntilTheyAgree() throws Exception {
        ClusterSettings here = ClusterSettings.of(100, 100, List.of("#FFFFFF", "#000000"), 0, 5_000,
            Set.of("alice"));
        ClusterSettings there = ClusterSettings.of(100, 100, List.of("#FFFFFF", "#000000"), 0, 10_000,
            Set.of());
        PeerTransport one = start(1, port1, "s3cret", List.of(new PeerAddress(2, "127.0.0.1", port2)), inbox1,
            Wire.BINARY, here);
        PeerTransport two = start(2, port2, "s3cret", List.of(new PeerAddress(1, "127.0.0.1", port1)), inbox2,
            Wire.BINARY, there);
        await("each to know of the other's settings", () -> one.settingsConflicts().containsKey(2)
            && two.settingsConflicts().containsKey(1));
        String said = one.settingsConflicts().get(2);
        assertTrue(said.contains("cooldown 5000 ms here, 10000 ms at node 2") && said.contains("moderators [alice] "
            + "here, [] at node 2") && !said.contains("canvas 100x100") && !said.contains("another palette"), said);
        assertTrue(one.connectedPeers().isEmpty() && two.connectedPeers().isEmpty(), "no link either way");
        one.send(2, new PeerMessage.Answer(1, 1));
        assertEquals(null, inbox2.poll(300, TimeUnit.MILLISECONDS), "nothing crosses");

        two.close();
        PeerTransport agreeing = start(2, port2, "s3cret", List.of(new PeerAddress(1, "127.0.0.1", port1)), inbox2,
            Wire.BINARY, here);
        await("the link once they agree", () -> one.connectedPeers().contains(2)
            && agreeing.connectedPeers().contains(1) && one.settingsConflicts().isEmpty());
    }

    @Test
    void messagesSentBeforeTheLinkIsUpAreDeliveredOnceItIs() throws Exception {
        PeerTransport one = node1("s3cret");
        one.send(2, new PeerMessage.Answer(1, 1));
        node2("s3cret");
        assertEquals(new Received(1, new PeerMessage.Answer(1, 1)), inbox2.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aNodeOutsideTheMembershipWithTheSecretIsHeardAndIsDialedOnceItsAddressIsLearned() throws Exception {
        PeerTransport one = node1("s3cret");
        int port3 = LoopbackPorts.next();
        LinkedBlockingQueue<Received> inbox3 = new LinkedBlockingQueue<>();
        PeerTransport joiner = start(3, port3, "s3cret", List.of(new PeerAddress(1, "127.0.0.1", port1)), inbox3);
        PeerMessage.JoinRequest request =
            new PeerMessage.JoinRequest(3, "127.0.0.1:" + port3, VectorClock.EMPTY, false);
        joiner.send(1, request);
        assertEquals(new Received(3, request), inbox1.poll(10, TimeUnit.SECONDS));
        one.send(3, new PeerMessage.Answer(1, 4));
        one.learnAddresses(Map.of(3, "127.0.0.1:" + port3, 4, "not an address"));
        one.send(3, new PeerMessage.Answer(1, 5));
        assertEquals(new Received(1, new PeerMessage.Answer(1, 5)), inbox3.poll(10, TimeUnit.SECONDS),
            "nothing before the address was known; dialed after");
    }

    @Test
    void aPeerWithTheWrongSecretIsRefusedAndNothingItSendsArrives() throws Exception {
        PeerTransport one = node1("right");
        PeerTransport two = node2("wrong");
        await("a refused connection", () -> one.stats().refusedConnections() > 0);
        two.send(1, new PeerMessage.Coordinator(2, 99));
        one.send(2, new PeerMessage.Answer(1, 7));
        assertTrue(one.connectedPeers().isEmpty() && two.connectedPeers().isEmpty());
        assertEquals(null, inbox1.poll(300, TimeUnit.MILLISECONDS), "nothing from the impostor");
        assertEquals(null, inbox2.poll(10, TimeUnit.MILLISECONDS), "nothing to the impostor");
    }

    @Test
    void garbageAtThePeerPortIsRefusedAndTheTransportCarriesOn() throws Exception {
        PeerTransport one = node1("s3cret");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), one.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(5);
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await("refusal", () -> one.stats().refusedConnections() == 1);
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), one.port())) {
            socket.getOutputStream().write(new byte[] {(byte) 0x7F, 0, 0, 0, 1, 2, 3});
            socket.getOutputStream().flush();
        }
        node2("s3cret");
        await("the real peer connects", () -> one.connectedPeers().contains(2));
    }

    @Test
    void anAuthenticatedPeersMalformedFramesAreDroppedAndItsGoodOnesStillArrive() throws Exception {
        PeerTransport one = node1("s3cret");
        ClusterSecret secret = new ClusterSecret("s3cret");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), one.port())) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            String challenge = readFrame(in);
            String acceptorNonce = challenge.replaceAll(".*\"nonce\":\"([^\"]+)\".*", "$1");
            String nonce = ClusterSecret.nonce();
            writeFrame(out, "{\"type\":\"HELLO\",\"node_id\":2,\"nonce\":\"" + nonce + "\",\"proof\":\""
                + MutualChallenge.PEERS.answer(secret, acceptorNonce, nonce, 1, 2) + "\"}");
            assertTrue(readFrame(in).contains("ACCEPTED"));
            writeFrame(out, "{\"type\":\"NOPE\"}");
            writeFrame(out, "not json at all");
            writeFrame(out, new String(new PeerCodec().encode(new PeerMessage.Answer(2, 3)), StandardCharsets.UTF_8));
            assertEquals(new Received(2, new PeerMessage.Answer(2, 3)), inbox1.poll(5, TimeUnit.SECONDS));
            assertEquals(2, one.stats().malformed());
            out.writeInt(10 * 1024 * 1024);
            out.flush();
            assertEquals(-1, in.read(), "an oversized frame closes the connection");
        }
        node2("s3cret").send(1, new PeerMessage.Answer(2, 4));
        assertEquals(new Received(2, new PeerMessage.Answer(2, 4)), inbox1.poll(10, TimeUnit.SECONDS));
    }

    private static String readFrame(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeFrame(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }
}
