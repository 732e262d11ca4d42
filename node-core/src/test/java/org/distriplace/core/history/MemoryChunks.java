package org.distriplace.core.history;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Chunks and users kept in memory, as a store keeps them: what {@link HistoryWriter} writes, {@link History} reads. */
public final class MemoryChunks implements HistoryWriter.Sink, ChunkSource {

    private final TreeMap<Long, byte[]> chunks = new TreeMap<>();
    private final Map<Integer, String> users = new HashMap<>();

    @Override
    public synchronized void putChunk(long seq, int kind, int count, long minTime, long maxTime, byte[] body,
                                      boolean replace) {
        chunks.put(seq, body);
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
