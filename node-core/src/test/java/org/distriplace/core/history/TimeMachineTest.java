package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

/** The canvas at any moment, against a brute-force replay of every write, with and without snapshots. */
class TimeMachineTest {

    private final RecordedEvening recorded = new RecordedEvening();
    private final List<PixelWrite> stored = recorded.stored;

    private void checkRandomMoments(TimeMachine machine, Random random, String when) {
        long first = recorded.first();
        long last = recorded.last();
        List<Long> moments = new ArrayList<>(List.of(first - 1, first, last, last + 1));
        for (int i = 0; i < 25; i++) {
            moments.add(random.nextBoolean() ? stored.get(random.nextInt(stored.size())).timestamp()
                : first + (long) (random.nextDouble() * (last - first)));
        }
        for (long moment : moments) {
            PastCanvas past = machine.at(moment);
            assertArrayEquals(recorded.bruteForce(moment), past.indexes(), when + " at " + moment);
            assertEquals(stored.stream().filter(w -> w.timestamp() <= moment).count(), past.placements());
            assertEquals(stored.stream().mapToLong(PixelWrite::timestamp).filter(t -> t <= moment).max().orElse(0),
                past.commitPoint());
        }
    }

    @Test
    void anyMomentMatchesABruteForceReplayWithoutSnapshotsAndWithThem() {
        Random random = new Random(7);
        List<PixelWrite> evening = RecordedEvening.evening(random, 4_000);
        // Stored out of order now and then: a slice held back and fetched later, as after a full-state catch-up.
        List<PixelWrite> heldBack = new ArrayList<>(evening.subList(1_000, 1_400));
        List<PixelWrite> inOrder = new ArrayList<>(evening);
        inOrder.removeAll(heldBack);
        recorded.storeInBatches(inOrder, 37);
        MemorySnapshots snapshots = new MemorySnapshots();
        TimeMachine machine = new TimeMachine(recorded.chunks, snapshots, RecordedEvening.WIDTH,
            RecordedEvening.HEIGHT, RecordedEvening.PALETTE);
        checkRandomMoments(machine, random, "no snapshots");

        SnapshotKeeper keeper = new SnapshotKeeper(recorded.history, machine, snapshots,
            new SnapshotKeeper.Policy(5_000, 60_000, 20_000, 120_000, 60_000));
        recorded.history.onArrivals(keeper::arrived);
        while (keeper.step() > 0) {
            // until every due snapshot is stored
        }
        assertTrue(snapshots.times().size() > 10, "snapshots taken: " + snapshots.times().size());
        checkRandomMoments(machine, random, "with snapshots");

        Collections.shuffle(heldBack, random);
        recorded.store(heldBack, HistoryWriter.BACKFILL);
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
