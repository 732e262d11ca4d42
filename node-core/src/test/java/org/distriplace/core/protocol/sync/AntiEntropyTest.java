package org.distriplace.core.protocol.sync;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Palette;
import org.junit.jupiter.api.Test;

class AntiEntropyTest {

    private final AntiEntropy gossip = new AntiEntropy(1, 5_000, 250, 10, new Random(1), 0);

    private static Replica replica(int writes) {
        Replica replica = new Replica(16, 16, 4, Palette.rPlace2022(), 1_000);
        for (int i = 1; i <= writes; i++) {
            replica.commit(write(2, i, i % 16, i / 16));
        }
        return replica;
    }

    @Test
    void inSyncReplicasExchangeNothing() {
        Replica a = replica(5);
        PeerMessage.SyncResponse response = gossip.respond(gossip.request(replica(5)), a, Map.of());
        assertTrue(response.missingUpdates().isEmpty());
        assertFalse(response.carriesFullState());
    }

    @Test
    void aLittleBehindGetsExactlyTheMissingWrites() {
        Replica ahead = replica(8);
        Replica behind = replica(5);
        PeerMessage.SyncResponse response = gossip.respond(gossip.request(behind), ahead, Map.of());
        assertEquals(List.of(write(2, 6, 6, 0), write(2, 7, 7, 0), write(2, 8, 8, 0)), response.missingUpdates());
        response.missingUpdates().forEach(behind::commit);
        assertEquals(ahead.canvas().stateHash(), behind.canvas().stateHash());
    }

    @Test
    void farBehindGetsTheDifferingTilesAndTheCooldownsThatTilesCannotCarry() {
        Replica ahead = replica(40);
        Replica behind = replica(2);
        PeerMessage.SyncResponse response = gossip.respond(gossip.request(behind), ahead, Map.of("alice", 7L));
        assertTrue(response.carriesFullState());
        assertEquals(Map.of("alice", 7L), response.cooldowns());
        assertTrue(response.tiles().size() < ahead.canvas().tileCount(), "only tiles that differ");
        behind.mergeFullState(response.tiles(), response.version());
        assertEquals(ahead.canvas().stateHash(), behind.canvas().stateHash());
        assertEquals(ahead.version(), behind.version());
    }

    @Test
    void noticesWhenTheRequesterHoldsMore() {
        assertTrue(AntiEntropy.requesterIsAhead(gossip.request(replica(3)), replica(2)));
        assertFalse(AntiEntropy.requesterIsAhead(gossip.request(replica(2)), replica(3)));
    }

    @Test
    void gossipsWithARandomLivePeerOncePerInterval() {
        long first = -1;
        for (long now = 0; now <= 5_000 && first < 0; now += 10) {
            if (gossip.gossipPeer(now, List.of(2, 3)).isPresent()) {
                first = now;
            }
        }
        assertTrue(first >= 0 && first <= 5_000, "first round within one interval: " + first);
        assertTrue(gossip.gossipPeer(first + 4_990, List.of(2, 3)).isEmpty());
        assertTrue(gossip.gossipPeer(first + 5_000, List.of(2, 3)).isPresent());
        assertTrue(gossip.gossipPeer(first + 20_000, List.of()).isEmpty(), "nobody to talk to");
    }

    @Test
    void requestsToOnePeerAreRateLimited() {
        assertTrue(gossip.mayRequest(2, 0));
        assertFalse(gossip.mayRequest(2, 249));
        assertTrue(gossip.mayRequest(3, 249));
        assertTrue(gossip.mayRequest(2, 250));
    }
}
