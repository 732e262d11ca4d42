package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

/** A pixel's story and the history's span, against a brute-force reading of every write stored. */
class HistoryTest {

    private static final int SIZE = 12;

    private static List<PixelWrite> bruteForce(List<PixelWrite> all, int x, int y, int limit, long before) {
        return all.stream().filter(w -> w.x() == x && w.y() == y && w.timestamp() < before)
            .sorted(Comparator.comparing((PixelWrite w) -> w.stamp().hlc()).thenComparing(w -> w.stamp().node())
                .thenComparing(w -> w.dot().node()).thenComparing(w -> w.dot().counter()).reversed())
            .limit(limit).toList();
    }

    @Test
    void everyPixelsStoryMatchesABruteForceReadingAsWritesArrive() {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            MemoryChunks chunks = new MemoryChunks();
            HistoryWriter writer = new HistoryWriter(SIZE, chunks);
            History history = History.load(chunks, SIZE, SIZE);
            List<PixelWrite> stored = new ArrayList<>();
            List<PixelWrite> workload = ChunkCodecTest.workload(random, 3_000, SIZE, SIZE);
            for (int at = 0; at < workload.size(); ) {
                int size = Math.min(workload.size() - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 700));
                List<PixelWrite> batch = workload.subList(at, at + size);
                writer.append(batch, random.nextInt(8) == 0 ? HistoryWriter.BACKFILL : HistoryWriter.LOG);
                batch.stream().filter(w -> stored.stream().noneMatch(s -> s.dot().equals(w.dot())))
                    .forEach(stored::add);
                writer.drainWritten().forEach(history::appended);
                at += size;
                if (random.nextInt(10) == 0) {
                    checkEveryPixel(history, stored, random, "seed " + seed + " after " + at);
                }
            }
            checkEveryPixel(history, stored, random, "seed " + seed);
            checkEveryPixel(History.load(chunks, SIZE, SIZE), stored, random, "seed " + seed + ", reloaded");
            assertEquals(stored.size(), history.range().placements());
            assertEquals(stored.stream().mapToLong(PixelWrite::timestamp).min().orElseThrow(), history.range().first());
            assertEquals(stored.stream().mapToLong(PixelWrite::timestamp).max().orElseThrow(), history.range().last());
        }
    }

    private static void checkEveryPixel(History history, List<PixelWrite> stored, Random random, String when) {
        for (int x = 0; x < SIZE; x++) {
            for (int y = 0; y < SIZE; y++) {
                int limit = 1 + random.nextInt(30);
                long before = random.nextBoolean() ? Long.MAX_VALUE
                    : stored.get(random.nextInt(stored.size())).timestamp();
                assertEquals(bruteForce(stored, x, y, limit, before), history.pixel(x, y, limit, before),
                    when + " at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void anEmptyHistoryHasNoSpan() {
        History history = History.load(new MemoryChunks(), SIZE, SIZE);
        assertEquals(new HistoryReads.Range(0, 0, 0), history.range());
        assertEquals(List.of(), history.pixel(3, 3, 10, Long.MAX_VALUE));
    }
}
