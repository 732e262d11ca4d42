package org.distriplace.core.protocol.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.PixelWrite;

/**
 * Gossip anti-entropy and recovery. Every gossip interval a node sends a random live peer its state hash, version
 * vector and tile digests (SYNC_REQUEST). The peer answers with exactly the writes the requester's version lacks
 * (a delta, from its write log) or, when the requester is too far behind for the log, with full state: the tiles
 * whose digests differ, its version and its recent cooldown entries. A rejoining node uses the same exchange to
 * catch up. Pure: time and randomness are passed in.
 */
public final class AntiEntropy {

    private final int self;
    private final long intervalMs;
    private final long retryMs;
    private final int maxDeltaWrites;
    private final int maxWritesPerMessage;
    private final int maxTilesPerMessage;
    private final Random random;
    private final Map<Integer, Long> lastRequested = new HashMap<>();
    private long nextGossip;
    private long nextSyncId = 1;

    /**
     * @param maxDeltaWrites      most writes sent as a delta; a requester further behind gets full state
     * @param maxWritesPerMessage most writes in one message of a delta
     * @param maxTilesPerMessage  most tiles in one message of full state
     */
    public AntiEntropy(int self, long intervalMs, long retryMs, int maxDeltaWrites, int maxWritesPerMessage,
                       int maxTilesPerMessage, Random random, long now) {
        this.self = self;
        this.intervalMs = intervalMs;
        this.retryMs = retryMs;
        this.maxDeltaWrites = maxDeltaWrites;
        this.maxWritesPerMessage = maxWritesPerMessage;
        this.maxTilesPerMessage = maxTilesPerMessage;
        this.random = random;
        this.nextGossip = now + random.nextInt((int) Math.max(1, intervalMs));
    }

    /** The peer to gossip with now, if a round is due and there is a live peer. */
    /** True when a gossip round is due: a caller with many peers lists the live ones only then. */
    public boolean gossipDue(long now) {
        return now >= nextGossip;
    }

    public Optional<Integer> gossipPeer(long now, List<Integer> livePeers) {
        if (now < nextGossip || livePeers.isEmpty()) {
            return Optional.empty();
        }
        nextGossip = now + intervalMs;
        return Optional.of(livePeers.get(random.nextInt(livePeers.size())));
    }

    /** True when no request went to {@code peer} in the last retry interval (and records one now if so). */
    public boolean mayRequest(int peer, long now) {
        Long last = lastRequested.get(peer);
        if (last != null && now - last < retryMs) {
            return false;
        }
        lastRequested.put(peer, now);
        return true;
    }

    public PeerMessage.SyncRequest request(Replica replica) {
        return new PeerMessage.SyncRequest(self, replica.canvas().stateHashHex(), replica.version(),
            replica.canvas().tileDigests());
    }

    /** True when the requester holds writes this replica lacks (this node should pull from it in turn). */
    public static boolean requesterIsAhead(PeerMessage.SyncRequest request, Replica replica) {
        return !request.myVersion().isCoveredBy(replica.version());
    }

    /**
     * The answer to a request, in one or more parts: a delta when the log allows, else full state; empty lists
     * when the requester lacks nothing. Equal versions with different hashes would mean divergence: full state
     * repairs it. What tiles cannot say (recent cooldowns and request ids) is asked for only when full state is sent:
     * it costs a scan of the node's recent history, and most answers are deltas.
     */
    public List<PeerMessage.SyncResponse> respond(PeerMessage.SyncRequest request, Replica replica,
                                                  Supplier<Map<String, Long>> recentCooldowns,
                                                  Supplier<Map<Integer, List<Long>>> recentRequests) {
        VectorClock mine = replica.version();
        VectorClock theirs = request.myVersion();
        String hash = replica.canvas().stateHashHex();
        boolean diverged = mine.equals(theirs) && !hash.equals(request.stateHash());
        if (mine.isCoveredBy(theirs) && !diverged) {
            return parts(replica, List.of(List.of()), List.of(List.of()), Map.of(), Map.of());
        }
        if (!diverged) {
            Optional<List<PixelWrite>> delta = replica.writesBeyond(theirs, maxDeltaWrites);
            if (delta.isPresent()) {
                return parts(replica, slices(delta.get(), maxWritesPerMessage), List.of(), Map.of(), Map.of());
            }
        }
        List<TileState> tiles = replica.canvas().tilesDifferingFrom(request.tileDigests()).stream()
            .map(replica.canvas()::tile).toList();
        if (tiles.isEmpty()) {
            // Same pixels, newer version: still ship one tile so the response counts as full state.
            tiles = List.of(replica.canvas().tile(0));
        }
        return parts(replica, List.of(), slices(tiles, maxTilesPerMessage), recentCooldowns.get(),
            recentRequests.get());
    }

    private List<PeerMessage.SyncResponse> parts(Replica replica, List<List<PixelWrite>> writes,
                                                 List<List<TileState>> tiles, Map<String, Long> cooldowns,
                                                 Map<Integer, List<Long>> requests) {
        long syncId = nextSyncId++;
        int parts = Math.max(1, Math.max(writes.size(), tiles.size()));
        List<PeerMessage.SyncResponse> responses = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            responses.add(new PeerMessage.SyncResponse(self, replica.version(),
                part < writes.size() ? writes.get(part) : List.of(), part < tiles.size() ? tiles.get(part) : List.of(),
                cooldowns, requests, syncId, part + 1, parts));
        }
        return responses;
    }

    private static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }
}
