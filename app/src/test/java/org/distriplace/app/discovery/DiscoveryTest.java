package org.distriplace.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery over an in-process hub: tests never send multicast. */
class DiscoveryTest {

    private final InProcessHub lan = new InProcessHub();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Discovery> running = new ArrayList<>();

    private Discovery start(String cluster, int id, String secret, String host) throws Exception {
        Discovery discovery = new Discovery(new Beacon(cluster, Beacon.newInstance(), id, 9090 + id, 8080 + id,
            List.of(id)),
            new ClusterSecret(secret), lan.channel(host), clock::get);
        discovery.start();
        running.add(discovery);
        return discovery;
    }

    @AfterEach
    void stop() {
        running.forEach(Discovery::close);
    }

    @Test
    void nodesOfTheSameClusterAndSecretFindEachOtherAndNobodyElse() throws Exception {
        Discovery first = start("party", 1, "s3cret", "10.0.0.1");
        Discovery second = start("party", 2, "s3cret", "10.0.0.2");
        start("party", 3, "wrong", "10.0.0.3");
        start("office", 4, "s3cret", "10.0.0.4");
        Await.until("1 and 2 to hear each other", Duration.ofSeconds(10),
            () -> first.nearby().size() == 1 && second.nearby().size() == 1);
        NearbyNodes.Nearby heard = first.nearby().get(0);
        assertEquals(2, heard.beacon().nodeId());
        assertEquals("2@10.0.0.2:9092", heard.peerEntry());
        assertEquals("http://10.0.0.2:8082/", heard.browserUrl());
        Await.until("the other secret and cluster to be ignored", Duration.ofSeconds(10),
            () -> first.ignored() >= 2);
        assertEquals(List.of(1), second.nearby().stream().map(n -> n.beacon().nodeId()).toList(),
            "never itself, never node 3 or 4");
    }

    @Test
    void twoMachinesLeftOnTheSameIdSeeEachOtherAndTheConflict() throws Exception {
        Discovery first = start("party", 1, "s3cret", "10.0.0.1");
        Discovery second = start("party", 1, "s3cret", "10.0.0.2");
        Await.until("both to hear the other", Duration.ofSeconds(10),
            () -> first.nearby().size() == 1 && second.nearby().size() == 1);
        assertTrue(first.nearby().get(0).sameIdAsMine());
        assertEquals("10.0.0.2", first.nearby().get(0).host());
    }

    @Test
    void aNodeThatFallsSilentIsForgotten() throws Exception {
        Discovery first = start("party", 1, "s3cret", "10.0.0.1");
        Discovery second = start("party", 2, "s3cret", "10.0.0.2");
        Await.until("1 to hear 2", Duration.ofSeconds(10), () -> first.nearby().size() == 1);
        second.close();
        clock.addAndGet(Discovery.EXPIRY_MS + 1);
        assertTrue(first.nearby().isEmpty());
    }
}
