package org.distriplace.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.history.DotRanges;
import org.distriplace.core.history.HistoryAnswers;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;

/**
 * An {@link EventStore} in memory: durable for as long as the object lives, which is what the simulator needs (a
 * crashed node restarts on the same store and keeps what it had persisted). Its history is every write stored, by
 * ordering node and counter (the simulator compares replicas' histories, and answers history requests from it).
 * Owned by one node's thread.
 */
public final class MemoryEventStore implements EventStore, HistoryAnswers.RangeQuery {

    private final Map<Integer, GroupState> groups = new TreeMap<>();
    private final List<PixelWrite> committed = new ArrayList<>();
    private final List<AccountEntry> accounts = new ArrayList<>();
    private final Map<Integer, TreeMap<Long, PixelWrite>> history = new TreeMap<>();
    private long historyCount;
    private long historySum;

    @Override
    public StoredState load() {
        DotRanges dots = new DotRanges();
        history.values().forEach(writes -> writes.values().forEach(write -> dots.add(write.dot())));
        return new StoredState(groups, committed, dots, accounts);
    }

    private GroupState group(int group) {
        return groups.getOrDefault(group, GroupState.EMPTY);
    }

    @Override
    public void saveEpoch(int group, long epoch, int promisedTo) {
        GroupState was = group(group);
        groups.put(group, new GroupState(epoch, promisedTo, was.installedEpoch(), was.inDoubt(), was.snapshot(),
            was.membership()));
    }

    @Override
    public void saveInDoubt(int group, long installedEpoch, List<Batch> inDoubt) {
        GroupState was = group(group);
        groups.put(group, new GroupState(was.epoch(), was.promisedTo(), installedEpoch, inDoubt, was.snapshot(),
            was.membership()));
    }

    @Override
    public void saveMembership(int group, Membership membership) {
        GroupState was = group(group);
        groups.put(group, new GroupState(was.epoch(), was.promisedTo(), was.installedEpoch(), was.inDoubt(),
            was.snapshot(), membership));
    }

    @Override
    public void appendCommitted(List<PixelWrite> writes) {
        committed.addAll(writes);
        appendHistory(writes);
    }

    @Override
    public void appendAccounts(List<AccountEntry> entries) {
        accounts.addAll(entries);
    }

    @Override
    public void pruneGrants(long stampedBefore) {
        Map<Integer, Long> last = new HashMap<>();
        accounts.forEach(entry -> last.merge(entry.nodeId(), entry.counter(), Math::max));
        accounts.removeIf(entry -> entry.change().kind() == AccountChange.Kind.GRANT
            && entry.timestamp() < stampedBefore && entry.counter() < last.get(entry.nodeId()));
    }

    @Override
    public void appendHistory(List<PixelWrite> writes) {
        for (PixelWrite write : writes) {
            if (history.computeIfAbsent(write.nodeId(), node -> new TreeMap<>())
                .putIfAbsent(write.dot().counter(), write) == null) {
                historyCount++;
                historySum += fingerprint(write);
            }
        }
    }

    @Override
    public List<PixelWrite> writesOf(int node, long from, long to) {
        TreeMap<Long, PixelWrite> writes = history.get(node);
        return writes == null ? List.of() : List.copyOf(writes.subMap(from, true, to, true).values());
    }

    /**
     * A digest of the whole history (how many writes, and a sum of their fingerprints): two stores with the same
     * writes have the same digest, whatever order they came in.
     */
    public long[] historyDigest() {
        return new long[] {historyCount, historySum};
    }

    private static long fingerprint(PixelWrite write) {
        long h = write.dot().node() * 0x9E3779B97F4A7C15L + write.dot().counter();
        for (long field : new long[] {write.x(), write.y(), write.color().rgb(), write.timestamp(), write.epoch(),
            write.batch(), write.user().hashCode(), write.origin()}) {
            h = (h ^ field) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /** Every write the history holds, by ordering node then counter. */
    public List<PixelWrite> history() {
        List<PixelWrite> all = new ArrayList<>();
        history.values().forEach(writes -> all.addAll(writes.values()));
        return all;
    }

    @Override
    public void saveSnapshot(int group, Snapshot snapshot) {
        GroupState was = group(group);
        groups.put(group, new GroupState(was.epoch(), was.promisedTo(), was.installedEpoch(), was.inDoubt(),
            snapshot, was.membership()));
        // The snapshot holds every write its version names (its group's orderers); later writes stay in the log.
        committed.removeIf(write -> write.dot().counter() <= snapshot.version().get(write.nodeId()));
    }
}
