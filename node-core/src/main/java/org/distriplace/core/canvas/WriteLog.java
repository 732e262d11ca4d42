package org.distriplace.core.canvas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.wire.CompactCodec;

/**
 * The recent committed writes of each ordering node, indexed by counter, so a peer that is a little behind can be
 * sent exactly the writes its version lacks. Keeps at least {@code retention} writes per node (and at most a chunk
 * more); a peer further behind than that gets full state instead.
 */
final class WriteLog {

    /** Writes per sealed chunk of a long log. */
    static final int CHUNK_WRITES = 1_024;

    private final int retention;
    private final int chunkSize;
    private final Map<Integer, NodeLog> logs = new HashMap<>();

    WriteLog(int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retention = retention;
        // A short log (tests, tiny canvases) seals smaller chunks, so it keeps close to its retention.
        this.chunkSize = Math.max(1, Math.min(CHUNK_WRITES, retention / 4));
    }

    /** Appends the next write of its node; a write that does not follow the last one restarts that node's log. */
    void append(PixelWrite write) {
        logs.computeIfAbsent(write.nodeId(), n -> new NodeLog(chunkSize)).append(write, retention);
    }

    /** Forgets a node's writes up to {@code counter}: they arrived as full state, not as writes. */
    void restartAfter(int node, long counter) {
        logs.computeIfAbsent(node, n -> new NodeLog(chunkSize)).clear(counter + 1);
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
            log.copy(from, to, missing);
        }
        return Optional.of(missing);
    }

    /**
     * One node's retained writes: sealed chunks of {@link #chunkSize} writes in the compact wire's form (about 30
     * bytes a write with its user, against some 180 as objects), and the newest writes as objects until they fill
     * a chunk. A log of 200,000 writes is then a few hundred arrays, not a million objects that every young
     * collection would copy until they were tenured.
     */
    private static final class NodeLog {
        private final int chunkSize;
        private final ArrayDeque<byte[]> sealed = new ArrayDeque<>();
        private final ArrayList<PixelWrite> open = new ArrayList<>();
        /** The counter of the oldest write retained (or of the next one, when none is). */
        private long first = 1;

        NodeLog(int chunkSize) {
            this.chunkSize = chunkSize;
        }

        void append(PixelWrite write, int retention) {
            long counter = write.dot().counter();
            if (counter != last() + 1) {
                sealed.clear();
                open.clear();
                first = counter;
            }
            open.add(write);
            if (open.size() == chunkSize) {
                sealed.addLast(CompactCodec.writes(open));
                open.clear();
            }
            while (!sealed.isEmpty() && size() - chunkSize >= retention) {
                sealed.pollFirst();
                first += chunkSize;
            }
        }

        void clear(long next) {
            sealed.clear();
            open.clear();
            first = next;
        }

        long size() {
            return (long) sealed.size() * chunkSize + open.size();
        }

        long last() {
            return first + size() - 1;
        }

        /** Writes {@code from} to {@code to} (both retained), in counter order, into {@code into}. */
        void copy(long from, long to, List<PixelWrite> into) {
            long chunkFirst = first;
            for (byte[] chunk : sealed) {
                long chunkLast = chunkFirst + chunkSize - 1;
                if (chunkLast >= from && chunkFirst <= to) {
                    List<PixelWrite> writes = CompactCodec.writes(chunk);
                    for (long c = Math.max(from, chunkFirst); c <= Math.min(to, chunkLast); c++) {
                        into.add(writes.get((int) (c - chunkFirst)));
                    }
                }
                chunkFirst += chunkSize;
            }
            for (long c = Math.max(from, chunkFirst); c <= to; c++) {
                into.add(open.get((int) (c - chunkFirst)));
            }
        }
    }
}
