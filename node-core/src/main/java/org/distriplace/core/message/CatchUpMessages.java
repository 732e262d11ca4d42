package org.distriplace.core.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.model.PrunedGrants;

/**
 * The {@link PeerMessage}s by which a replica catches up (anti-entropy of the canvas and of the accounts, and the
 * history's backfill), in a file of their own. {@code PeerMessage} extends this interface only to inherit these
 * records as its own members, so everywhere they are {@code PeerMessage.SyncRequest} and so on.
 */
public sealed interface CatchUpMessages permits PeerMessage {

    /**
     * Anti-entropy: "here is my state; send what I lack". The version vector selects a delta; the tile digests
     * select tiles for full state when a delta is not possible.
     */
    record SyncRequest(int nodeId, String stateHash, VectorClock myVersion, long[] tileDigests)
        implements PeerMessage {
        public SyncRequest {
            Objects.requireNonNull(stateHash, "state_hash");
            Objects.requireNonNull(myVersion, "my_version");
            Objects.requireNonNull(tileDigests, "tile_digests");
        }

        public MessageKind kind() { return MessageKind.SYNC_REQUEST; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onSyncRequest(from, this, now); }

        public String summary() {
            return "version " + myVersion + " hash " + stateHash;
        }
    }

    /**
     * Anti-entropy answer: either the missing writes (a delta), or full state: the differing tiles, this node's
     * version, and what tiles cannot say, the cooldown ledger's recent entries and the ids of client requests
     * committed recently (by origin node, so a request re-sent to a new leader is not ordered twice). Empty lists mean
     * "nothing you lack". A large answer comes in {@code parts} messages numbered {@code part} (from 1) under one
     * {@code syncId}: delta parts apply one by one; full-state parts count only once all have arrived.
     */
    record SyncResponse(int nodeId, VectorClock version, List<PixelWrite> missingUpdates, List<TileState> tiles,
                        Map<String, Long> cooldowns, Map<Integer, List<Long>> recentRequests, long syncId, int part,
                        int parts) implements PeerMessage {
        public SyncResponse {
            Objects.requireNonNull(version, "version");
            missingUpdates = List.copyOf(missingUpdates);
            tiles = List.copyOf(tiles);
            cooldowns = Map.copyOf(cooldowns);
            recentRequests = Map.copyOf(recentRequests);
            if (part < 1 || part > parts) {
                throw new IllegalArgumentException("part " + part + " of " + parts);
            }
        }

        public boolean isLastPart() {
            return part == parts;
        }

        public boolean carriesFullState() {
            return !tiles.isEmpty();
        }

        public MessageKind kind() { return MessageKind.SYNC_RESPONSE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onSyncResponse(from, this, now); }

        public String summary() {
            return carriesFullState() ? tiles.size() + " tiles, version " + version
                : missingUpdates.size() + " writes";
        }
    }

    /** Anti-entropy for accounts: "here are the account entries I hold; send those I lack". */
    record AccountsRequest(int nodeId, VectorClock version) implements PeerMessage {
        public AccountsRequest {
            Objects.requireNonNull(version, "version");
        }

        public MessageKind kind() { return MessageKind.ACCOUNTS_REQUEST; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onAccountsRequest(from, this, now); }

        public String summary() {
            return "accounts " + version;
        }
    }

    /**
     * The account entries the requester lacked, and the runs of pruned grants among them (at most a message's worth:
     * it asks again while {@code version}, the sender's, is still ahead of its own).
     */
    record AccountsResponse(int nodeId, VectorClock version, List<AccountEntry> entries, List<PrunedGrants> pruned)
        implements PeerMessage {

        public AccountsResponse {
            Objects.requireNonNull(version, "version");
            entries = List.copyOf(entries);
            pruned = pruned == null ? List.of() : List.copyOf(pruned); // absent from a peer that prunes nothing
        }

        public MessageKind kind() { return MessageKind.ACCOUNTS_RESPONSE; }

        public void dispatch(MessageHandler handler, int from, long now) {
            handler.onAccountsResponse(from, this, now);
        }

        public String summary() {
            return entries.size() + " account entries"
                + (pruned.isEmpty() ? "" : ", " + pruned.size() + " runs of pruned grants");
        }
    }

    /**
     * "Send me the writes ordered by {@code node} numbered {@code from} to {@code to}": a node that skipped them
     * (full state) fetches them for its history, in the background. Answered off the node's thread, from the disk.
     */
    record HistoryRequest(int nodeId, int node, long from, long to) implements PeerMessage {
        public MessageKind kind() { return MessageKind.HISTORY_REQUEST; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onHistoryRequest(from, this, now); }

        public String summary() {
            return "n" + node + " writes " + from + "-" + to;
        }
    }

    /**
     * The writes the sender holds among those asked for, over {@code from} to {@code to} (perhaps fewer than asked:
     * an answer is bounded); a write it lacks is asked of another peer.
     */
    record HistoryResponse(int nodeId, int node, long from, long to, List<PixelWrite> writes) implements PeerMessage {
        public HistoryResponse {
            writes = List.copyOf(writes);
        }

        public MessageKind kind() { return MessageKind.HISTORY_RESPONSE; }

        public void dispatch(MessageHandler handler, int from, long now) {
            handler.onHistoryResponse(from, this, now);
        }

        public String summary() {
            return "n" + node + " writes " + from + "-" + to + ": " + writes.size() + " held";
        }
    }
}
