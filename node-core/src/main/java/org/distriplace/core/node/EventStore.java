package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.history.DotRanges;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * What a node keeps across crashes: its promised epoch, the batches it voted for, every committed write, and
 * snapshots of full state it received. A write must be durable before anything the node does after it can be
 * observed (a message sent, a client answered, a pixel announced), so a node killed at any point restarts with
 * everything it acknowledged. Plain stores make each call durable before it returns; stores written behind the
 * node ({@link QueuedEventStore}) number their writes, and the node holds its effects until the writes issued
 * before them are reported durable ({@link NodeEngine#durableUpTo}).
 */
public interface EventStore {

    /**
     * The number of the last write queued and not necessarily durable yet; 0 for a store whose every call is
     * durable when it returns (then nothing ever waits).
     */
    default long issued() {
        return 0;
    }

    /** Everything stored so far; an empty state for a new node. */
    StoredState load();

    /** The epoch this node promised, and to whom (before the promise is sent). */
    void saveEpoch(long epoch, int promisedTo);

    /** The participant's in-doubt batches and installed epoch (before a vote is sent). */
    void saveInDoubt(long installedEpoch, List<Batch> inDoubt);

    /** A committed configuration newer than the one stored (before the batch that carried it leaves doubt). */
    void saveMembership(Membership membership);

    /** Account entries committed (new here), in one transaction. */
    void appendAccounts(List<AccountEntry> entries);

    /** One committed batch's writes, in one transaction. */
    void appendCommitted(List<PixelWrite> writes);

    /**
     * Writes committed before, which this replica skipped (it took full state) and fetched for its history only:
     * kept as history, never replayed into the replica. A write stored already is ignored.
     */
    void appendHistory(List<PixelWrite> writes);

    /** Full state received from a peer: the whole canvas after the merge. */
    void saveSnapshot(Snapshot snapshot);

    /**
     * The whole canvas (every tile), its version, the cooldown entries still in force and the client requests
     * committed recently (request ids by origin node).
     */
    record Snapshot(List<TileState> tiles, VectorClock version, Map<String, Long> cooldowns,
                    Map<Integer, List<Long>> recentRequests) {
        public Snapshot {
            tiles = List.copyOf(tiles);
            cooldowns = Map.copyOf(cooldowns);
            recentRequests = Map.copyOf(recentRequests);
        }
    }

    /**
     * What {@link #load} returns; {@code snapshot} and {@code membership} are null when none was saved;
     * {@code historyDots} are the writes the history holds (whatever way they came); {@code accounts} every account
     * entry committed, in the order stored.
     */
    record StoredState(long epoch, int promisedTo, long installedEpoch, List<Batch> inDoubt, Snapshot snapshot,
                       List<PixelWrite> committedSinceSnapshot, Membership membership, DotRanges historyDots,
                       List<AccountEntry> accounts) {
        public static final StoredState EMPTY = new StoredState(0, 0, 0, List.of(), null, List.of(), null,
            new DotRanges(), List.of());
    }
}
