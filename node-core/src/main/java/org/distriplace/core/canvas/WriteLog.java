package org.distriplace.core.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.PixelWrite;

/**
 * The recent committed writes of each ordering node, indexed by counter, so a peer that is a little behind can be
 * sent exactly the writes its version lacks. Keeps at most {@code retention} writes per node; a peer further
 * behind than that gets full state instead.
 */
final class WriteLog {

    private final int retention;
    private final Map<Integer, NodeLog> logs = new HashMap<>();

    WriteLog(int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retention = retention;
    }

    /** Appends the next write of its node; a write that does not follow the last one restarts that node's log. */
    void append(PixelWrite write) {
        logs.computeIfAbsent(write.nodeId(), n -> new NodeLog()).append(write, retention);
    }

    /** Forgets a node's writes up to {@code counter}: they arrived as full state, not as writes. */
    void restartAfter(int node, long counter) {
        NodeLog log = logs.computeIfAbsent(node, n -> new NodeLog());
        log.entries.clear();
        log.first = counter + 1;
    }

    /**
     * The writes in {@code have} but not in {@code theirs}, node by node in counter order; empty when some are no
     * longer retained or there are more than {@code limit}.
     */
    Optional<List<PixelWrite>> between(VectorClock theirs, VectorClock have, int limit) {
        List<PixelWrite> missing = new ArrayList<>();
        for (Map.Entry<Integer, Long> entry : have.asMap().entrySet()) {
            long from = theirs.get(entry.getKey()) + 1;
            long to = entry.getValue();
            if (from > to) {
                continue;
            }
            if (to - from + 1 + missing.size() > limit) {
                return Optional.empty();
            }
            NodeLog log = logs.get(entry.getKey());
            if (log == null || from < log.first || to > log.last()) {
                return Optional.empty();
            }
            for (long counter = from; counter <= to; counter++) {
                missing.add(log.get(counter));
            }
        }
        return Optional.of(missing);
    }

    private static final class NodeLog {
        private final ArrayList<PixelWrite> entries = new ArrayList<>();
        private long first = 1;

        void append(PixelWrite write, int retention) {
            long counter = write.dot().counter();
            if (counter != last() + 1) {
                entries.clear();
                first = counter;
            }
            entries.add(write);
            if (entries.size() > retention + retention / 2) {
                // Trim in bulk so appends stay amortised O(1).
                int drop = entries.size() - retention;
                entries.subList(0, drop).clear();
                first += drop;
            }
        }

        long last() {
            return first + entries.size() - 1;
        }

        PixelWrite get(long counter) {
            return entries.get((int) (counter - first));
        }
    }
}
