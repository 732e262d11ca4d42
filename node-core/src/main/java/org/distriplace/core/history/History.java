package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import org.distriplace.core.model.PixelWrite;

/**
 * A node's canvas history, for reading: every committed write it stores, found by pixel through an in-memory
 * {@link PixelIndex} and read from its chunks (a few decoded ones cached). The store tells it of each chunk written
 * ({@link #appended}) once committed. Thread-safe: readers on any thread, never the node's.
 */
public final class History implements HistoryReads, HistoryAnswers.RangeQuery {

    /** Newest first: by stamp (time, then ordering node), then by dot, so every replica lists a pixel alike. */
    public static final Comparator<PixelWrite> NEWEST_FIRST = Comparator.comparing(PixelWrite::stamp)
        .thenComparing(PixelWrite::dot).reversed();

    private static final int CACHED_CHUNKS = 64;

    private final ChunkSource source;
    private final PixelIndex index;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Chunk first ordinal → writes it holds, as far as told. */
    private final TreeMap<Long, Integer> chunks = new TreeMap<>();
    /** Chunk first ordinal → per ordering node, the lowest and highest counter it holds (answering peers). */
    private final Map<Long, Map<Integer, long[]>> chunkDots = new HashMap<>();
    private final Map<Long, List<PixelWrite>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<PixelWrite>> eldest) {
            return size() > CACHED_CHUNKS;
        }
    };
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long placements;
    private volatile LongConsumer arrivals = earliest -> { };

    private History(ChunkSource source, int width, int height) {
        this.source = source;
        this.index = new PixelIndex(width, height);
    }

    /** Reads every stored chunk once to build the index. */
    public static History load(ChunkSource source, int width, int height) {
        History history = new History(source, width, height);
        source.forEach(history::appended);
        return history;
    }

    /**
     * The chunk starting at ordinal {@code seq} was stored, or grew (the open chunk): its new writes enter the index.
     */
    public void appended(long seq, byte[] body) {
        long[] earliest = {Long.MAX_VALUE};
        lock.writeLock().lock();
        try {
            int known = chunks.getOrDefault(seq, 0);
            Map<Integer, long[]> dots = chunkDots.computeIfAbsent(seq, s -> new HashMap<>());
            ChunkCodec.scan(body, (i, x, y, timestamp, dot) -> {
                if (i >= known) {
                    long[] span = dots.computeIfAbsent(dot.node(), n -> new long[] {dot.counter(), dot.counter()});
                    span[0] = Math.min(span[0], dot.counter());
                    span[1] = Math.max(span[1], dot.counter());
                    index.add(seq + i, x, y, timestamp);
                    first = Math.min(first, timestamp);
                    last = Math.max(last, timestamp);
                    placements++;
                    earliest[0] = Math.min(earliest[0], timestamp);
                }
            });
            chunks.put(seq, ChunkCodec.count(body));
            synchronized (cache) {
                cache.remove(seq);
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (earliest[0] != Long.MAX_VALUE) {
            arrivals.accept(earliest[0]);
        }
    }

    /** Tells {@code listener} the earliest stamp among the writes each stored chunk adds (the snapshot keeper). */
    public void onArrivals(LongConsumer listener) {
        this.arrivals = listener;
    }

    @Override
    public Range range() {
        lock.readLock().lock();
        try {
            return placements == 0 ? new Range(0, 0, 0) : new Range(first, last, placements);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The placements at (x, y) stamped before {@code before} (an HLC value), {@link #NEWEST_FIRST}, at most
     * {@code limit}.
     */
    @Override
    public List<PixelWrite> pixel(int x, int y, int limit, long before) {
        lock.readLock().lock();
        try {
            List<long[]> candidates = new ArrayList<>();
            index.forEachAt(x, y, (ordinal, timestamp) -> {
                if (timestamp < before) {
                    candidates.add(new long[] {timestamp, ordinal});
                }
            });
            candidates.sort((a, b) -> Long.compare(b[0], a[0]));
            // Writes with the cut-off's time are all read: the ordering node breaks the tie.
            int take = Math.min(limit, candidates.size());
            while (take > 0 && take < candidates.size() && candidates.get(take)[0] == candidates.get(take - 1)[0]) {
                take++;
            }
            List<PixelWrite> writes = new ArrayList<>(take);
            for (long[] candidate : candidates.subList(0, take)) {
                writes.add(write(candidate[1]));
            }
            writes.sort(NEWEST_FIRST);
            return List.copyOf(writes.subList(0, Math.min(limit, writes.size())));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The writes held ordered by {@code node}, numbered {@code from} to {@code to}, in counter order (for peers). */
    @Override
    public List<PixelWrite> writesOf(int node, long from, long to) {
        lock.readLock().lock();
        try {
            List<PixelWrite> found = new ArrayList<>();
            chunkDots.forEach((seq, dots) -> {
                long[] span = dots.get(node);
                if (span != null && span[0] <= to && span[1] >= from) {
                    for (PixelWrite write : chunk(seq)) {
                        long counter = write.dot().counter();
                        if (write.nodeId() == node && counter >= from && counter <= to) {
                            found.add(write);
                        }
                    }
                }
            });
            found.sort(Comparator.comparingLong(write -> write.dot().counter()));
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Write number {@code ordinal}: from its chunk if that is cached, else decoded alone (a pixel's placements are
     * scattered over the whole history, so caching their chunks would only evict the ones peers are reading).
     * Callers hold the read lock.
     */
    private PixelWrite write(long ordinal) {
        long seq = chunks.floorKey(ordinal);
        List<PixelWrite> cached;
        synchronized (cache) {
            cached = cache.get(seq);
        }
        int index = (int) (ordinal - seq);
        return cached != null && index < cached.size() ? cached.get(index)
            : ChunkCodec.decodeAt(source.chunk(seq), index, source::userName);
    }

    /** The writes of the chunk starting at {@code seq}, as far as told, decoded once and cached. */
    private List<PixelWrite> chunk(long seq) {
        List<PixelWrite> writes;
        synchronized (cache) {
            writes = cache.get(seq);
        }
        if (writes == null || writes.size() < chunks.get(seq)) {
            writes = ChunkCodec.decode(source.chunk(seq), source::userName);
            synchronized (cache) {
                cache.put(seq, writes);
            }
        }
        return writes;
    }
}
