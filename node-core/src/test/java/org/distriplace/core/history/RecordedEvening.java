package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * A small canvas's history in memory, for tests: random evenings of writes, stored through the real writer, and the
 * canvas at any moment by brute force (every write so far, sorted, replayed) to check the real readers against.
 */
final class RecordedEvening {

    static final int WIDTH = 23;
    static final int HEIGHT = 17;
    static final Palette PALETTE = Palette.rPlace2022();
    static final long START_MS = 1_796_068_800_000L;

    final MemoryChunks chunks = new MemoryChunks();
    final History history = History.load(chunks, WIDTH, HEIGHT);
    final List<PixelWrite> stored = new ArrayList<>();
    private final HistoryWriter writer = new HistoryWriter(WIDTH, chunks);

    /** Writes spread over a few minutes, from two leaders taking turns. */
    static List<PixelWrite> evening(Random random, int count) {
        List<PixelWrite> writes = new ArrayList<>();
        VectorClock clock = VectorClock.EMPTY;
        long ms = START_MS;
        int leader = 2;
        for (int i = 0; i < count; i++) {
            if (random.nextInt(300) == 0) {
                leader = leader == 2 ? 5 : 2;
            }
            ms += random.nextInt(120);
            clock = clock.with(leader, clock.get(leader) + 1);
            long stamp = Hlc.pack(ms, random.nextInt(3));
            writes.add(new PixelWrite(random.nextInt(WIDTH), random.nextInt(HEIGHT),
                PALETTE.color(random.nextInt(PALETTE.size())), "u" + random.nextInt(9), 1, stamp - 3, stamp,
                leader, clock, 1, i / 20 + 1));
        }
        return writes;
    }

    void store(List<PixelWrite> writes, int kind) {
        writer.append(writes, kind);
        stored.addAll(writes);
        writer.drainWritten().forEach(history::appended);
    }

    /** Stores {@code writes} in batches of {@code batch}, as a log would. */
    void storeInBatches(List<PixelWrite> writes, int batch) {
        for (int at = 0; at < writes.size(); at += batch) {
            store(writes.subList(at, Math.min(writes.size(), at + batch)), HistoryWriter.LOG);
        }
    }

    byte[] bruteForce(long time) {
        byte[] canvas = new byte[WIDTH * HEIGHT];
        Arrays.fill(canvas, (byte) PALETTE.backgroundIndex());
        stored.stream().filter(w -> w.timestamp() <= time).sorted(TimeMachine.STAMP_ORDER)
            .forEach(w -> canvas[w.y() * WIDTH + w.x()] = (byte) PALETTE.indexOf(w.color()));
        return canvas;
    }

    long first() {
        return stored.stream().mapToLong(PixelWrite::timestamp).min().orElseThrow();
    }

    long last() {
        return stored.stream().mapToLong(PixelWrite::timestamp).max().orElseThrow();
    }
}
