package org.distriplace.core.history;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the canvas at past moments is kept, so the past is rebuilt from the nearest one instead of from the first
 * write: a cache, which may lose any of them and have them computed again. Thread-safe.
 */
public interface SnapshotStore {

    /** The newest snapshot at or before {@code time}. */
    Optional<PastCanvas> floor(long time);

    /** The times of the snapshots kept, ascending. */
    List<Long> times();

    void put(PastCanvas snapshot);

    /** Forgets the snapshots at or after {@code time} (a write stamped then arrived late). */
    void dropFrom(long time);

    void delete(Collection<Long> times);
}
