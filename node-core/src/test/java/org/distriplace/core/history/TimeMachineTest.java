package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

/** The canvas at any moment, against a brute-force replay of every write, with and without snapshots. */
class TimeMachineTest {

    private static final int WIDTH = 23;
    private static final int HEIGHT = 17;
    private static final Palette PALETTE = Palette.rPlace2022();
    private static final long START_MS = 1_796_068_800_000L;

    private final MemoryChunks chunks = new MemoryChunks();
    private final HistoryWriter writer = new HistoryWriter(WIDTH, chunks);
    private final History history = History.load(chunks, WIDTH, HEIGHT);
    private final List<PixelWrite> stored = new ArrayList<>();

    /** Writes spread over a few minutes, from two leaders taking turns. */
    private static List<PixelWrite> evening(Random random, int count) {
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

    private void store(List<PixelWrite> writes, int kind) {
        writer.append(writes, kind);
        stored.addAll(writes);
        writer.drainWritten().forEach(history::appended);
    }

    private byte[] bruteForce(long time) {
        byte[] canvas = new byte[WIDTH * HEIGHT];
        Arrays.fill(canvas, (byte) PALETTE.backgroundIndex());
        stored.stream().filter(w -> w.timestamp() <= time).sorted(TimeMachine.STAMP_ORDER)
            .forEach(w -> canvas[w.y() * WIDTH + w.x()] = (byte) PALETTE.indexOf(w.color()));
        return canvas;
    }

    private void checkRandomMoments(TimeMachine machine, Random random, String when) {
        long first = stored.stream().mapToLong(PixelWrite::timestamp).min().orElseThrow();
        long last = stored.stream().mapToLong(PixelWrite::timestamp).max().orElseThrow();
        List<Long> moments = new ArrayList<>(List.of(first - 1, first, last, last + 1));
        for (int i = 0; i < 25; i++) {
            moments.add(random.nextBoolean() ? stored.get(random.nextInt(stored.size())).timestamp()
                : first + (long) (random.nextDouble() * (last - first)));
        }
        for (long moment : moments) {
            PastCanvas past = machine.at(moment);
            assertArrayEquals(bruteForce(moment), past.indexes(), when + " at " + moment);
            assertEquals(stored.stream().filter(w -> w.timestamp() <= moment).count(), past.placements());
            assertEquals(stored.stream().mapToLong(PixelWrite::timestamp).filter(t -> t <= moment).max().orElse(0),
                past.commitPoint());
        }
    }

    @Test
    void anyMomentMatchesABruteForceReplayWithoutSnapshotsAndWithThem() {
        Random random = new Random(7);
        List<PixelWrite> evening = evening(random, 4_000);
        // Stored out of order now and then: a slice held back and fetched later, as after a full-state catch-up.
        List<PixelWrite> heldBack = new ArrayList<>(evening.subList(1_000, 1_400));
        List<PixelWrite> inOrder = new ArrayList<>(evening);
        inOrder.removeAll(heldBack);
        for (int at = 0; at < inOrder.size(); at += 37) {
            store(inOrder.subList(at, Math.min(inOrder.size(), at + 37)), HistoryWriter.LOG);
        }
        MemorySnapshots snapshots = new MemorySnapshots();
        TimeMachine machine = new TimeMachine(chunks, snapshots, WIDTH, HEIGHT, PALETTE);
        checkRandomMoments(machine, random, "no snapshots");

        SnapshotKeeper keeper = new SnapshotKeeper(history, machine, snapshots,
            new SnapshotKeeper.Policy(5_000, 60_000, 20_000, 120_000, 60_000));
        history.onArrivals(keeper::arrived);
        while (keeper.step() > 0) {
            // until every due snapshot is stored
        }
        assertTrue(snapshots.times().size() > 10, "snapshots taken: " + snapshots.times().size());
        checkRandomMoments(machine, random, "with snapshots");

        Collections.shuffle(heldBack, random);
        store(heldBack, HistoryWriter.BACKFILL);
        checkRandomMoments(machine, random, "after a backfill, before the keeper catches up");
        while (keeper.step() > 0) {
            // the dropped snapshots are computed again
        }
        checkRandomMoments(machine, random, "after a backfill, snapshots computed again");
    }

    @Test
    void snapshotsThinWithAge() {
        SnapshotKeeper.Policy policy = new SnapshotKeeper.Policy(1_000, 10_000, 5_000, 60_000, 20_000);
        long newest = 100_000;
        assertTrue(policy.keeps(95_000, newest), "young: every one");
        assertTrue(policy.keeps(91_000, newest));
        assertTrue(policy.keeps(85_000, newest), "older: on 5 s marks");
        assertEquals(false, policy.keeps(86_000, newest));
        assertTrue(policy.keeps(20_000, newest), "oldest: on 20 s marks");
        assertEquals(false, policy.keeps(25_000, newest));
    }
}
