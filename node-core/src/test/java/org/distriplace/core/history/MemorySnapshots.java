package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Snapshots of the past in memory, for tests. */
public final class MemorySnapshots implements SnapshotStore {

    private final TreeMap<Long, PastCanvas> snapshots = new TreeMap<>();

    @Override
    public synchronized Optional<PastCanvas> floor(long time) {
        Map.Entry<Long, PastCanvas> floor = snapshots.floorEntry(time);
        return Optional.ofNullable(floor).map(Map.Entry::getValue);
    }

    @Override
    public synchronized List<Long> times() {
        return new ArrayList<>(snapshots.keySet());
    }

    @Override
    public synchronized void put(PastCanvas snapshot) {
        snapshots.put(snapshot.time(), snapshot);
    }

    @Override
    public synchronized void dropFrom(long time) {
        snapshots.tailMap(time, true).clear();
    }

    @Override
    public synchronized void delete(Collection<Long> times) {
        times.forEach(snapshots::remove);
    }
}
