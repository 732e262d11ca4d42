package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;
import org.junit.jupiter.api.Test;

class CanvasEncodingsTest {

    private static final Palette PALETTE = Palette.rPlace2022();

    private final AtomicReference<ReadView> latest = new AtomicReference<>();
    private final CanvasEncodings encodings = new CanvasEncodings(latest::get);

    /** {@code before} with pixel (x, y) set to {@code colorIndex}, at version {@code counter} of node 3. */
    private static ReadView paint(ReadView before, int x, int y, int colorIndex, long counter) {
        CanvasImage canvas = before == null ? CanvasImage.blank(4000, 12, PALETTE) : before.canvas();
        byte[][] bands = new byte[canvas.bandCount()][];
        int band = canvas.bandOf(y);
        bands[band] = new byte[canvas.bandLength(band)];
        for (int i = 0; i < bands[band].length; i++) {
            bands[band][i] = (byte) canvas.indexInBand(band, i);
        }
        bands[band][(y - canvas.firstRow(band)) * canvas.width() + x] = (byte) colorIndex;
        return new ReadView(canvas.withBands(bands), VectorClock.EMPTY.with(3, counter), "0".repeat(16), counter,
            PlacementTimes.EMPTY, 0);
    }

    private static String text(ByteBuf buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    private static byte[] bytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    @Test
    void thePixelsJsonListsOnlyPaintedPixelsAndTheVersion() throws Exception {
        latest.set(paint(paint(null, 5, 2, 2, 1), 3999, 11, 27, 2));
        JsonNode json = Responses.JSON.readTree(text(encodings.pixels().body()));
        assertEquals(4000, json.get("width").asInt());
        assertEquals(12, json.get("height").asInt());
        assertEquals(2, json.get("pixels").size());
        assertEquals("#FF4500", json.path("pixels").path("5,2").asText());
        assertEquals(PALETTE.color(27).hex(), json.path("pixels").path("3999,11").asText());
        assertEquals(2, json.path("version").path("3").asLong());
    }

    @Test
    void aNewViewReencodesOnlyWhatChangedAndReadsTheLatest() throws Exception {
        ReadView first = paint(null, 5, 2, 2, 1);
        latest.set(first);
        String before = text(encodings.pixels().body());
        ReadView second = paint(first, 7, 9, 2, 2);
        latest.set(second);
        JsonNode after = Responses.JSON.readTree(text(encodings.pixels().body()));
        assertEquals(2, after.get("pixels").size(), "the kept band's pixel and the new one");
        assertEquals("#FF4500", after.path("pixels").path("7,9").asText());
        assertNotEquals(before, after.toString());
        assertArrayEquals(PixelsJson.band(second.canvas(), 0), PixelsJson.band(first.canvas(), 0));
    }

    @Test
    void theBinaryCanvasHoldsEveryPixel() {
        ReadView view = paint(null, 1, 3, 2, 1);
        latest.set(view);
        assertArrayEquals(view.canvas().toBytes(), bytes(encodings.binary().body()));
    }

    @Test
    void everyReaderOfAViewSharesOneEncodingThatOutlivesTheCacheUntilSent() {
        latest.set(paint(null, 0, 0, 2, 1));
        ByteBuf one = encodings.binary().body();
        ByteBuf two = encodings.binary().body();
        assertEquals(one.memoryAddress(), two.memoryAddress(), "the same bytes, shared");
        latest.set(paint(latest.get(), 1, 0, 2, 2));
        ByteBuf newer = encodings.binary().body();
        assertNotEquals(one.memoryAddress(), newer.memoryAddress(), "a new view is encoded anew");
        assertEquals(2, one.getByte(0), "a reader still sending the old view keeps it");
        one.release();
        two.release();
        newer.release();
        encodings.release();
        assertEquals(0, newer.refCnt(), "freed once the cache and its readers let go");
    }
}
