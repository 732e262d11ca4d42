package org.distriplace.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.distriplace.core.net.ClusterSecret;
import org.junit.jupiter.api.Test;

class BeaconTest {

    private static final ClusterSecret SECRET = new ClusterSecret("party-secret");
    private static final Beacon BEACON = new Beacon("lan-party", "5f3a", 3, 9093, 8083, List.of(1, 2, 3));

    private static Optional<Beacon> decode(byte[] datagram, ClusterSecret secret) {
        return Beacon.decode(datagram, datagram.length, secret);
    }

    @Test
    void aBeaconRoundTripsForHoldersOfTheSecretAndCarriesNoSecret() {
        byte[] datagram = BEACON.encode(SECRET);
        assertEquals(Optional.of(BEACON), decode(datagram, SECRET));
        assertTrue(!new String(datagram, StandardCharsets.UTF_8).contains("party-secret"));
        assertTrue(datagram.length < Beacon.MAX_BYTES);
    }

    @Test
    void anotherSecretATamperedFieldOrGarbageIsNoBeacon() {
        byte[] datagram = BEACON.encode(SECRET);
        assertEquals(Optional.empty(), decode(datagram, new ClusterSecret("other")));
        String text = new String(datagram, StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), decode(text.replace("9093", "9094").getBytes(StandardCharsets.UTF_8), SECRET));
        assertEquals(Optional.empty(), decode("{\"v\":1}".getBytes(StandardCharsets.UTF_8), SECRET));
        assertEquals(Optional.empty(), decode("not json".getBytes(StandardCharsets.UTF_8), SECRET));
        assertEquals(Optional.empty(), decode(new byte[Beacon.MAX_BYTES + 1], SECRET));
        byte[] badPort = new Beacon("lan-party", "5f3a", 3, 0, 8083, List.of()).encode(SECRET);
        assertEquals(Optional.empty(), decode(badPort, SECRET));
    }
}
