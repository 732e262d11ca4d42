package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.distriplace.core.history.MemoryChunks;
import org.distriplace.core.history.MemorySnapshots;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.history.TimelapsePlan;
import org.distriplace.core.model.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelapseFileTest {

    @TempDir
    Path dir;

    private final Timelapse timelapse = new Timelapse(new TimeMachine(new MemoryChunks(), new MemorySnapshots(), 8, 8,
        Palette.rPlace2022()), 8, 8, Palette.rPlace2022());
    private final TimelapsePlan plan = new TimelapsePlan(0, 60_000, 20, 10, new TimelapsePlan.Region(0, 0, 8, 8), 1);

    @Test
    void aCancelledExportLeavesNoFileAndAnOlderOneUntouched() throws Exception {
        Path out = dir.resolve("evening.gif");
        Files.write(out, new byte[] {1, 2, 3});
        assertThrows(CancellationException.class, () -> TimelapseFile.write(timelapse, plan, out, (done, total) -> {
            if (done == 7) {
                throw new CancellationException();
            }
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial file beside it");
        }
    }

    @Test
    void aFinishedExportReplacesTheFileWhole() throws Exception {
        Path out = dir.resolve("evening.gif");
        TimelapseFile.write(timelapse, plan, out, Timelapse.Progress.NONE);
        byte[] gif = Files.readAllBytes(out);
        assertTrue(gif.length > 20 && gif[0] == 'G' && gif[gif.length - 1] == 0x3B, "a whole GIF");
    }
}
