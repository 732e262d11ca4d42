package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;
import org.junit.jupiter.api.Test;

class CanvasEncodingsTest {

    private static final Palette PALETTE = Palette.rPlace2022();

    private static ReadView view(int x, int y, int colorIndex, long counter) {
        CanvasImage blank = CanvasImage.blank(6, 4, PALETTE);
        byte[][] bands = new byte[blank.bandCount()][];
        bands[0] = blank.toBytes();
        bands[0][y * 6 + x] = (byte) colorIndex;
        return new ReadView(blank.withBands(bands), VectorClock.EMPTY.with(3, counter), "0".repeat(16), counter,
            PlacementTimes.EMPTY, 0);
    }

    private static String text(ByteBuf buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePixelsJsonListsOnlyPaintedPixelsAndTheVersion() throws Exception {
        JsonNode json = Responses.JSON.readTree(text(new CanvasEncodings().pixels(view(5, 2, 2, 7))));
        assertEquals(6, json.get("width").asInt());
        assertEquals(4, json.get("height").asInt());
        assertEquals(1, json.get("pixels").size());
        assertEquals("#FF4500", json.path("pixels").path("5,2").asText());
        assertEquals(7, json.path("version").path("3").asLong());
    }

    @Test
    void theBinaryCanvasAndTheWebSocketFrameHoldEveryPixel() throws Exception {
        ReadView view = view(1, 3, 2, 1);
        CanvasEncodings encodings = new CanvasEncodings();
        assertArrayEquals(view.canvas().toBytes(), ByteBufUtil.getBytes(encodings.binary(view)));
        JsonNode frame = Responses.JSON.readTree(text(encodings.frame(view)));
        assertEquals("canvas", frame.get("type").asText());
        assertEquals(6, frame.get("width").asInt());
        assertArrayEquals(view.canvas().toBytes(), Base64.getDecoder().decode(frame.get("data").asText()));
    }

    @Test
    void eachViewIsEncodedOnceForEveryReader() {
        CanvasEncodings encodings = new CanvasEncodings();
        ReadView first = view(0, 0, 2, 1);
        ByteBuf one = encodings.pixels(first);
        ByteBuf two = encodings.pixels(first);
        assertSame(one.array(), two.array(), "the same bytes, shared");
        one.release();
        assertEquals(text(two), text(encodings.pixels(first)), "releasing one reader's copy frees nothing");
        assertNotSame(one.array(), encodings.pixels(view(0, 0, 3, 2)).array(), "a new view is encoded anew");
    }
}
