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

    private final AntiEntropy gossip = new AntiEntropy(1, 5_000, 250, 10, 2, 3, new Random(1), 0);

    private static Replica replica(int writes) {
        Replica replica = new Replica(16, 16, 4, Palette.rPlace2022(), 1_000);
        for (int i = 1; i <= writes; i++) {
            replica.commit(write(2, i, i % 16, i / 16));
        }
        return replica;
    }

    @Test
    void inSyncReplicasExchangeNothing() {
        List<PeerMessage.SyncResponse> parts = gossip.respond(gossip.request(replica(5)), replica(5), Map::of, Map::of);
        assertEquals(1, parts.size());
        assertTrue(parts.get(0).missingUpdates().isEmpty());
        assertFalse(parts.get(0).carriesFullState());
    }

    @Test
    void aLittleBehindGetsExactlyTheMissingWritesInParts() {
        Replica ahead = replica(8);
        Replica behind = replica(5);
        List<PeerMessage.SyncResponse> parts = gossip.respond(gossip.request(behind), ahead, Map::of, Map::of);
        assertEquals(List.of(2, 1), parts.stream().map(p -> p.missingUpdates().size()).toList(), "2 per message");
        assertEquals(List.of(write(2, 6, 6, 0), write(2, 7, 7, 0), write(2, 8, 8, 0)),
            parts.stream().flatMap(p -> p.missingUpdates().stream()).toList());
        assertEquals(List.of(1, 2), parts.stream().map(PeerMessage.SyncResponse::part).toList());
        parts.forEach(part -> part.missingUpdates().forEach(behind::commit));
        assertEquals(ahead.canvas().stateHash(), behind.canvas().stateHash());
    }

    @Test
    void farBehindGetsTheDifferingTilesAndTheCooldownsThatTilesCannotCarry() {
        Replica ahead = replica(40);
        Replica behind = replica(2);
        List<PeerMessage.SyncResponse> parts = gossip.respond(gossip.request(behind), ahead,
            () -> Map.of("alice", 7L), () -> Map.of(3, List.of(11L)));
        assertTrue(parts.stream().allMatch(PeerMessage.SyncResponse::carriesFullState));
        assertTrue(parts.stream().allMatch(p -> p.tiles().size() <= 3), "3 tiles per message");
        assertEquals(Map.of("alice", 7L), parts.get(parts.size() - 1).cooldowns());
        assertEquals(Map.of(3, List.of(11L)), parts.get(parts.size() - 1).recentRequests());
        int tiles = parts.stream().mapToInt(p -> p.tiles().size()).sum();
        assertTrue(tiles < ahead.canvas().tileCount(), "only tiles that differ");
        FullStateAssembly assembly = new FullStateAssembly();
        for (PeerMessage.SyncResponse part : parts) {
            behind.mergeTiles(part.tiles());
            if (assembly.accept(2, part)) {
                behind.adoptVersion(part.version());
            }
        }
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
