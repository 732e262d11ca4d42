package org.distriplace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    @Test
    void theLongestGapIsBetweenArrivalsWhateverTheirOrder() {
        assertEquals(60, LoadRun.longestGapNanos(0, 100, List.of(10L, 90L, 20L, 30L)));
    }

    @Test
    void gapsAtTheEdgesCount() {
        assertEquals(70, LoadRun.longestGapNanos(0, 100, List.of(70L, 80L)));
        assertEquals(80, LoadRun.longestGapNanos(0, 100, List.of(5L, 20L)));
    }

    @Test
    void aBinaryPixelsFrameGivesEachPixelsOffsetInOrder() {
        ByteBuf frame = Unpooled.buffer().writeByte(1).writeInt(1_002).writeByte(3).writeInt(999_999).writeByte(0);
        List<Integer> pixels = new ArrayList<>();
        BinaryPixelFrames.pixels(frame, pixels::add);
        assertEquals(List.of(1_002, 999_999), pixels);
        pixels.clear();
        BinaryPixelFrames.pixels(Unpooled.buffer().writeByte(2).writeInt(5).writeByte(0), pixels::add);
        BinaryPixelFrames.pixels(Unpooled.buffer(), pixels::add);
        assertEquals(List.of(), pixels, "not a pixels frame");
    }

    @Test
    void withNoArrivalsTheWholeRunIsAGap() {
        assertEquals(100, LoadRun.longestGapNanos(0, 100, List.of()));
    }
}
