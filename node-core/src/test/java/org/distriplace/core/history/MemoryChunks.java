package org.distriplace.core.history;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Chunks and users kept in memory, as a store keeps them: what {@link HistoryWriter} writes, {@link History} reads. */
public final class MemoryChunks implements HistoryWriter.Sink, ChunkSource {

    private final TreeMap<Long, byte[]> chunks = new TreeMap<>();
    private final Map<Long, long[]> times = new HashMap<>();
    private final Map<Integer, String> users = new HashMap<>();

    @Override
    public synchronized void putChunk(long seq, int kind, int count, long minTime, long maxTime, byte[] body,
                                      boolean replace) {
        chunks.put(seq, body);
        times.put(seq, new long[] {minTime, maxTime});
    }

    @Override
    public synchronized void forEachBetween(long after, long through, Visitor visitor) {
        chunks.forEach((seq, body) -> {
            long[] span = times.get(seq);
            if (span[0] <= through && span[1] > after) {
                visitor.chunk(seq, body);
            }
        });
    }

    @Override
    public synchronized void putUser(int id, String name) {
        users.put(id, name);
    }

    @Override
    public synchronized void forEach(Visitor visitor) {
        chunks.forEach(visitor::chunk);
    }

    @Override
    public synchronized byte[] chunk(long seq) {
        return chunks.get(seq);
    }

    @Override
    public synchronized String userName(int id) {
        return users.get(id);
    }
}
