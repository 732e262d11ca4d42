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
 * What a node keeps across crashes: for each group it takes part in (ADR 0017), its promised epoch, the batches it
 * voted for, its configuration and snapshots of its replica; and every committed write and account entry (whose
 * dots name their group). A write must be durable before anything the node does after it can be
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

    /** The epoch this node promised in {@code group}, and to whom (before the promise is sent). */
    void saveEpoch(int group, long epoch, int promisedTo);

    /** The participant's in-doubt batches and installed epoch in {@code group} (before a vote is sent). */
    void saveInDoubt(int group, long installedEpoch, List<Batch> inDoubt);

    /** A committed configuration of {@code group} newer than the one stored (before its batch leaves doubt). */
    void saveMembership(int group, Membership membership);

    /** Account entries committed (new here), in one transaction. */
    void appendAccounts(List<AccountEntry> entries);

    /**
     * Drops the cooldown grants stamped before {@code stampedBefore} (a hybrid logical clock time), but never an
     * ordering node's last stored entry: loading infers a node's account version from its last entry, and the counters
     * missing before it are the pruned grants (ADR 0017).
     */
    void pruneGrants(long stampedBefore);

    /** One committed batch's writes, in one transaction. */
    void appendCommitted(List<PixelWrite> writes);

    /**
     * Writes committed before, which this replica skipped (it took full state) and fetched for its history only:
     * kept as history, never replayed into the replica. A write stored already is ignored.
     */
    void appendHistory(List<PixelWrite> writes);

    /** Full state of {@code group}'s replica (after a merge, or every so many writes): its whole rectangle. */
    void saveSnapshot(int group, Snapshot snapshot);

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
     * What one group stored ({@link StoredState#group}); {@code snapshot} and {@code membership} are null when none
     * was saved.
     */
    record GroupState(long epoch, int promisedTo, long installedEpoch, List<Batch> inDoubt, Snapshot snapshot,
                      Membership membership) {
        public static final GroupState EMPTY = new GroupState(0, 0, 0, List.of(), null, null);

        public GroupState {
            inDoubt = List.copyOf(inDoubt);
        }
    }

    /**
     * What {@link #load} returns: each group's own part by group number (a group that stored nothing is absent);
     * {@code committedSinceSnapshot} the committed writes, in the order stored, from the first that some group's
     * snapshot does not cover (each group replays those of its own orderers); {@code historyDots} the writes the
     * history holds (whatever way they came); {@code accounts} every account entry committed, in the order stored.
     */
    record StoredState(Map<Integer, GroupState> groups, List<PixelWrite> committedSinceSnapshot, DotRanges historyDots,
                       List<AccountEntry> accounts) {
        public static final StoredState EMPTY = new StoredState(Map.of(), List.of(), new DotRanges(), List.of());

        public StoredState {
            groups = Map.copyOf(groups);
            committedSinceSnapshot = List.copyOf(committedSinceSnapshot);
            accounts = List.copyOf(accounts);
        }

        /** What {@code group} stored; {@link GroupState#EMPTY} when nothing. */
        public GroupState group(int group) {
            return groups.getOrDefault(group, GroupState.EMPTY);
        }
    }
}
