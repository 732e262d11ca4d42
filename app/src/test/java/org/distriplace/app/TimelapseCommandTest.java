package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.app.testing.CommandRun;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.testing.GifFrames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distri-place timelapse} on a stopped node's data directory. */
class TimelapseCommandTest {

    /** 2026-11-30T20:00:00Z. */
    private static final long EIGHT_PM = 1_796_068_800_000L;
    private static final Palette PALETTE = Palette.rPlace2022();

    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();
    private final List<PixelWrite> placed = new ArrayList<>();

    /** A stopped node's data: 400 placements over 40 minutes on a 30 × 20 canvas. */
    @BeforeEach
    void storeAnEvening() {
        Random random = new Random(9);
        VectorClock clock = VectorClock.EMPTY;
        for (int i = 0; i < 400; i++) {
            clock = clock.with(1, i + 1);
            long stamp = Hlc.pack(EIGHT_PM + i * 6_000L, 0);
            placed.add(new PixelWrite(random.nextInt(30), random.nextInt(20),
                PALETTE.color(random.nextInt(PALETTE.size())), "player" + i % 7, 1, stamp, stamp, 1, clock, 1,
                i / 10 + 1));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir.resolve("node-1"),
                NodeConfig.builder(1, List.of(1)).canvas(30, 20).build())) {
            for (int i = 0; i < placed.size(); i += 10) {
                store.appendCommitted(placed.subList(i, i + 10));
            }
        }
    }

    @Test
    void writesAGifOfTheWholeHistoryEndingOnTheCanvasAsItWasLeft() throws Exception {
        Path gif = dir.resolve("evening.gif");
        assertEquals(0, cli.run("timelapse", "--data-dir", dir.resolve("node-1").toString(), "--frames", "25",
            "--fps", "20", "--scale", "2", "--out", gif.toString()), cli.err());

        GifFrames.Decoded decoded = GifFrames.decode(Files.readAllBytes(gif));
        assertEquals(25, decoded.frames().size());
        assertEquals(60, decoded.width());
        assertEquals(5, decoded.delays().get(0));
        int[] last = decoded.frames().get(24);
        int[] canvas = finalCanvas();
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                assertEquals(canvas[y / 2 * 30 + x / 2], last[y * 60 + x], "pixel " + x + "," + y);
            }
        }
        assertTrue(cli.out().contains("wrote " + gif + ": 25 frames of 60x40"), cli.out());
        assertFalse(Files.exists(dir.resolve("evening.gif.part")), "no partial file left");
    }

    @Test
    void aRegionAndASpanGiveJustThat() throws Exception {
        Path gif = dir.resolve("corner.gif");
        assertEquals(0, cli.run("timelapse", "--data-dir", dir.resolve("node-1").toString(), "--from",
            "2026-11-30T19:00:00Z", "--to", "2026-11-30T20:00:00Z", "--frames", "3", "--region", "5,5,4,3",
            "--out", gif.toString()), cli.err());
        GifFrames.Decoded decoded = GifFrames.decode(Files.readAllBytes(gif));
        assertEquals(4, decoded.width());
        assertEquals(3, decoded.frames().size());
        int background = PALETTE.background().rgb();
        assertArrayEquals(new int[] {background, background}, new int[] {decoded.frames().get(0)[0],
            decoded.frames().get(1)[11]}, "before anyone painted, the canvas is blank");
    }

    @Test
    void refusesWhatItCannotDoSayingWhy() {
        Path gif = dir.resolve("x.gif");
        assertEquals(2, cli.run("timelapse", "--data-dir", dir.resolve("nowhere").toString(), "--out",
            gif.toString()));
        assertTrue(cli.err().contains("no node data in"), cli.err());
        assertEquals(2, cli.run("timelapse", "--data-dir", dir.resolve("node-1").toString(), "--region",
            "25,0,10,10", "--out", gif.toString()));
        assertTrue(cli.err().contains("not inside the 30x20 canvas"), cli.err());
        assertEquals(2, cli.run("timelapse", "--data-dir", dir.resolve("node-1").toString(), "--frames", "5000",
            "--out", gif.toString()));
        assertTrue(cli.err().contains("at most 1000"), cli.err());
        assertFalse(Files.exists(gif));
        assertFalse(Files.exists(dir.resolve("nowhere")), "a directory that was not there is not made");
    }

    private int[] finalCanvas() {
        int[] canvas = new int[30 * 20];
        java.util.Arrays.fill(canvas, PALETTE.background().rgb());
        for (PixelWrite write : placed) {
            canvas[write.y() * 30 + write.x()] = write.color().rgb();
        }
        return canvas;
    }
}
