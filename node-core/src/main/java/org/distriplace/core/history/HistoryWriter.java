package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.model.PixelWrite;

/**
 * Turns committed writes into the history's chunks, whatever keeps them (SQLite, or memory in the simulator): each
 * chunk numbered by the ordinal of its first write, of a kind ({@link #LOG}: writes this replica applied in order,
 * which restart recovery replays; {@link #BACKFILL}: writes fetched for the history only), users named by id, each
 * dot stored once. The newest chunk stays open until it holds {@link #CHUNK_WRITES} writes, so a quiet canvas (a
 * write a batch) pays a row per chunk, not per write; large chunks are deflated. Not thread-safe: the store's writer
 * owns it.
 */
public final class HistoryWriter {

    public static final int LOG = 0;
    public static final int BACKFILL = 1;
    /** A chunk is closed once it holds this many writes. */
    public static final int CHUNK_WRITES = 1_024;

    /** Where chunks and users are kept. */
    public interface Sink {
        /** Stores a new chunk, or replaces the one numbered {@code seq} (the open chunk grew). */
        void putChunk(long seq, int kind, int count, long minTime, long maxTime, byte[] body, boolean replace);

        void putUser(int id, String name);
    }

    /** The newest chunk, still taking writes. */
    private record OpenChunk(long seq, int kind, List<PixelWrite> writes) {
    }

    private final int width;
    private final Sink sink;
    private final Map<String, Integer> userIds = new HashMap<>();
    private final Map<Integer, String> userNames = new HashMap<>();
    private final DotRanges dots = new DotRanges();
    /** Chunks written since {@link #drainWritten}: first ordinal to body. */
    private final Map<Long, byte[]> written = new LinkedHashMap<>();
    private long nextOrdinal = 1;
    private OpenChunk open;

    public HistoryWriter(int width, Sink sink) {
        this.width = width;
        this.sink = sink;
    }

    /** A user kept from before (reopening). */
    public void restoreUser(int id, String name) {
        userIds.put(name, id);
        userNames.put(id, name);
    }

    /** A chunk kept from before (reopening, in order, after the users): its dots are held; a small last one reopens. */
    public void restoreChunk(long seq, int kind, byte[] body) {
        int count = ChunkCodec.count(body);
        ChunkCodec.scan(body, (index, x, y, timestamp, dot) -> dots.add(dot));
        nextOrdinal = seq + count;
        open = count < CHUNK_WRITES ? new OpenChunk(seq, kind, new ArrayList<>(ChunkCodec.decode(body,
            userNames::get))) : null;
    }

    /** Stores the writes not held yet, of {@code kind}; returns how many were new. */
    public int append(List<PixelWrite> writes, int kind) {
        List<PixelWrite> fresh = new ArrayList<>(writes.size());
        for (PixelWrite write : writes) {
            if (dots.add(write.dot())) {
                fresh.add(write);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        if (open != null && open.kind() == kind && open.writes().size() + fresh.size() <= CHUNK_WRITES) {
            open.writes().addAll(fresh);
            put(open, true);
        } else {
            open = new OpenChunk(nextOrdinal, kind, new ArrayList<>(fresh));
            put(open, false);
        }
        nextOrdinal += fresh.size();
        return fresh.size();
    }

    private void put(OpenChunk chunk, boolean replace) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (PixelWrite write : chunk.writes()) {
            min = Math.min(min, write.timestamp());
            max = Math.max(max, write.timestamp());
        }
        byte[] plain = ChunkCodec.encode(chunk.writes(), width, this::userId);
        // Small chunks do not deflate well; large ones lose about a fifth.
        byte[] body = chunk.writes().size() >= CHUNK_WRITES / 4 ? ChunkCodec.deflate(plain) : plain;
        sink.putChunk(chunk.seq(), chunk.kind(), chunk.writes().size(), min, max, body, replace);
        written.put(chunk.seq(), body);
        if (chunk.writes().size() >= CHUNK_WRITES) {
            open = null;
        }
    }

    private int userId(String name) {
        Integer known = userIds.get(name);
        if (known != null) {
            return known;
        }
        int id = userIds.size() + 1;
        sink.putUser(id, name);
        restoreUser(id, name);
        return id;
    }

    /** The name of user {@code id}. */
    public String userName(int id) {
        return userNames.get(id);
    }

    /** The chunks written since the last call (first ordinal to body, in order), for the history's reader. */
    public Map<Long, byte[]> drainWritten() {
        Map<Long, byte[]> drained = new LinkedHashMap<>(written);
        written.clear();
        return drained;
    }

    /** The ordinal of the last write stored (0 when none). */
    public long lastOrdinal() {
        return nextOrdinal - 1;
    }

    /** The dots stored, of both kinds (a copy). */
    public DotRanges dots() {
        return dots.copy();
    }

    /** Writes stored, of both kinds. */
    public long size() {
        return dots.size();
    }
}
