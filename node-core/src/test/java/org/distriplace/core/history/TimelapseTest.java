package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.testing.GifFrames;
import org.junit.jupiter.api.Test;

/** Every frame of a timelapse against a brute-force replay of the log at that frame's moment. */
class TimelapseTest {

    private static final int W = RecordedEvening.WIDTH;
    private static final int H = RecordedEvening.HEIGHT;

    private final RecordedEvening recorded = new RecordedEvening();
    private final MemorySnapshots snapshots = new MemorySnapshots();
    private final TimeMachine machine = new TimeMachine(recorded.chunks, snapshots, W, H, RecordedEvening.PALETTE);
    private final Timelapse timelapse = new Timelapse(machine, W, H, RecordedEvening.PALETTE);

    @Test
    void everyFrameIsTheCanvasAtItsMomentCroppedAndEnlarged() throws IOException {
        Random random = new Random(11);
        List<PixelWrite> evening = RecordedEvening.evening(random, 3_000);
        recorded.storeInBatches(evening.subList(0, 2_000), 29);
        List<PixelWrite> late = new ArrayList<>(evening.subList(2_000, 3_000));
        java.util.Collections.shuffle(late, random);
        recorded.store(late, HistoryWriter.BACKFILL); // stored out of order, as fetched after a catch-up
        SnapshotKeeper keeper = new SnapshotKeeper(recorded.history, machine, snapshots,
            new SnapshotKeeper.Policy(5_000, 60_000, 20_000, 120_000, 60_000));
        while (keeper.step() > 0) {
            // snapshots to start from
        }
        long fromMs = Hlc.physical(recorded.first()) - 1_000;
        long toMs = Hlc.physical(recorded.last()) + 1_000;
        for (TimelapsePlan plan : List.of(
                new TimelapsePlan(fromMs, toMs, 40, 10, new TimelapsePlan.Region(0, 0, W, H), 1),
                new TimelapsePlan(fromMs + 30_000, toMs - 60_000, 7, 25, new TimelapsePlan.Region(3, 5, 11, 4), 3),
                new TimelapsePlan(fromMs, toMs, 1, 1, new TimelapsePlan.Region(22, 16, 1, 1), 2))) {
            List<byte[]> frames = new ArrayList<>();
            timelapse.render(plan, (index, indexes) -> frames.add(indexes), Timelapse.Progress.NONE);

            assertEquals(plan.frames(), frames.size());
            for (int i = 0; i < plan.frames(); i++) {
                byte[] whole = recorded.bruteForce(Hlc.pack(plan.frameMs(i), Hlc.LOGICAL_MASK));
                assertArrayEquals(cropAndScale(whole, plan), frames.get(i), "frame " + i + " of " + plan);
            }
        }
    }

    @Test
    void theGifHasTheFramesAskedForAndItsLastFrameIsTheCanvasAtTo() throws IOException {
        Random random = new Random(4);
        recorded.storeInBatches(RecordedEvening.evening(random, 1_500), 50);
        long fromMs = Hlc.physical(recorded.first());
        long toMs = Hlc.physical(recorded.last()) - 20_000;
        TimelapsePlan plan = new TimelapsePlan(fromMs, toMs, 12, 5, new TimelapsePlan.Region(0, 0, W, H), 2);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        timelapse.gif(plan, gif, Timelapse.Progress.NONE);

        GifFrames.Decoded decoded = GifFrames.decode(gif.toByteArray());
        assertEquals(12, decoded.frames().size());
        assertEquals(W * 2, decoded.width());
        assertEquals(20, decoded.delays().get(0), "5 frames a second: 20 hundredths each");
        byte[] atTo = cropAndScale(recorded.bruteForce(Hlc.pack(toMs, Hlc.LOGICAL_MASK)), plan);
        int[] expected = new int[atTo.length];
        for (int i = 0; i < atTo.length; i++) {
            expected[i] = RecordedEvening.PALETTE.color(atTo[i]).rgb();
        }
        assertArrayEquals(expected, decoded.frames().get(11));
    }

    @Test
    void progressIsToldEachFrameAndCanStopTheTimelapse() {
        recorded.storeInBatches(RecordedEvening.evening(new Random(2), 500), 50);
        TimelapsePlan plan = new TimelapsePlan(Hlc.physical(recorded.first()), Hlc.physical(recorded.last()), 30, 10,
            new TimelapsePlan.Region(0, 0, W, H), 1);
        List<Integer> told = new ArrayList<>();
        assertThrows(CancellationException.class, () -> timelapse.render(plan, (index, indexes) -> { },
            (done, total) -> {
                told.add(done);
                assertEquals(30, total);
                if (done == 4) {
                    throw new CancellationException("cancelled");
                }
            }));
        assertEquals(List.of(1, 2, 3, 4), told);
    }

    @Test
    void plansOutsideTheCanvasOrOverABudgetAreRefusedSayingWhich() {
        TimelapsePlan.Region whole = new TimelapsePlan.Region(0, 0, W, H);
        assertThrows(IllegalArgumentException.class, () -> new TimelapsePlan(0, 10, 0, 10, whole, 1));
        assertThrows(IllegalArgumentException.class, () -> new TimelapsePlan(0, 10, 5, 0, whole, 1));
        assertThrows(IllegalArgumentException.class, () -> new TimelapsePlan(10, 0, 5, 10, whole, 1));
        assertThrows(IllegalArgumentException.class, () -> new TimelapsePlan(0, 10, 5, 10, whole, 17));
        assertThrows(IllegalArgumentException.class, () -> timelapse.render(new TimelapsePlan(0, 10, 5, 10,
            new TimelapsePlan.Region(20, 0, 4, 1), 1), (i, f) -> { }, Timelapse.Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> TimelapsePlan.Region.parse("1,2,3"));
        assertEquals(new TimelapsePlan.Region(1, 2, 3, 4), TimelapsePlan.Region.parse("1, 2,3,4"));

        TimelapsePlan.BudgetExceeded frames = assertThrows(TimelapsePlan.BudgetExceeded.class,
            () -> new TimelapsePlan(0, 10, 1_001, 10, whole, 1));
        assertEquals("FRAME_BUDGET", frames.budget());
        TimelapsePlan.BudgetExceeded pixels = assertThrows(TimelapsePlan.BudgetExceeded.class,
            () -> new TimelapsePlan(0, 10, 1_000, 10, new TimelapsePlan.Region(0, 0, 1_000, 1_000), 1));
        assertEquals("PIXEL_BUDGET", pixels.budget());
        assertTrue(pixels.getMessage().contains("fewer frames"), pixels.getMessage());
        assertEquals("PIXEL_BUDGET", assertThrows(TimelapsePlan.BudgetExceeded.class,
            () -> new TimelapsePlan(0, 10, 1, 10, new TimelapsePlan.Region(0, 0, 2_000, 2_000), 4)).budget());
    }

    private static byte[] cropAndScale(byte[] canvas, TimelapsePlan plan) {
        TimelapsePlan.Region region = plan.region();
        int scale = plan.scale();
        byte[] frame = new byte[plan.outputWidth() * plan.outputHeight()];
        for (int y = 0; y < plan.outputHeight(); y++) {
            for (int x = 0; x < plan.outputWidth(); x++) {
                frame[y * plan.outputWidth() + x] = canvas[(region.y() + y / scale) * W + region.x() + x / scale];
            }
        }
        return frame;
    }
}
