package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distriplace.core.model.Palette;
import org.distriplace.core.read.CanvasImage;
import org.junit.jupiter.api.Test;

class CanvasStreamTest {

    private final ApiTraffic traffic = new ApiTraffic(() -> 1);
    private final AtomicBoolean sent = new AtomicBoolean();

    /** A canvas of random colours. */
    static CanvasImage noise(int width, int height, long seed) {
        CanvasImage blank = CanvasImage.blank(width, height, Palette.rPlace2022());
        Random random = new Random(seed);
        int colors = blank.palette().size();
        byte[][] bands = new byte[blank.bandCount()][];
        for (int band = 0; band < bands.length; band++) {
            bands[band] = new byte[blank.bandLength(band)];
            for (int i = 0; i < bands[band].length; i++) {
                bands[band][i] = (byte) random.nextInt(colors);
            }
        }
        return blank.withBands(bands);
    }

    private List<WebSocketFrame> drain(EmbeddedChannel client) {
        List<WebSocketFrame> frames = new ArrayList<>();
        for (Object frame; (frame = client.readOutbound()) != null; ) {
            frames.add((WebSocketFrame) frame);
        }
        return frames;
    }

    private static JsonNode joined(List<WebSocketFrame> fragments) throws Exception {
        StringBuilder message = new StringBuilder();
        fragments.forEach(fragment -> message.append(fragment.content().toString(StandardCharsets.US_ASCII)));
        return Responses.JSON.readTree(message.toString());
    }

    @Test
    void aCanvasGoesAsTheFragmentsOfOneMessageThatJoinIntoTheSeedsCanvasFrame() throws Exception {
        CanvasImage canvas = noise(500, 300, 1);
        EmbeddedChannel client = new EmbeddedChannel();
        new CanvasStream(client, canvas, traffic, System::nanoTime, () -> sent.set(true)).start();
        client.runPendingTasks();
        List<WebSocketFrame> fragments = drain(client);

        assertEquals(13, fragments.size(), "150,000 bytes in pieces of 12,288");
        assertInstanceOf(TextWebSocketFrame.class, fragments.get(0));
        for (int i = 1; i < fragments.size(); i++) {
            assertInstanceOf(ContinuationWebSocketFrame.class, fragments.get(i));
        }
        for (int i = 0; i < fragments.size(); i++) {
            assertEquals(i == fragments.size() - 1, fragments.get(i).isFinalFragment(), "fragment " + i);
            assertTrue(fragments.get(i).content().readableBytes() <= 16 * 1024 + 64, "fragment " + i + " is small");
        }
        JsonNode frame = joined(fragments);
        assertEquals("canvas", frame.get("type").asText());
        assertEquals(500, frame.get("width").asInt());
        assertEquals(300, frame.get("height").asInt());
        assertArrayEquals(canvas.toBytes(), Base64.getDecoder().decode(frame.get("data").asText()));
        assertTrue(sent.get());
        assertEquals(frame.toString().length(), traffic.bytesSent());
    }

    @Test
    void aSmallCanvasIsOneFinalFrame() throws Exception {
        CanvasImage canvas = noise(3, 2, 2);
        EmbeddedChannel client = new EmbeddedChannel();
        new CanvasStream(client, canvas, traffic, System::nanoTime, () -> sent.set(true)).start();
        client.runPendingTasks();
        List<WebSocketFrame> fragments = drain(client);
        assertEquals(1, fragments.size());
        assertTrue(fragments.get(0).isFinalFragment());
        assertArrayEquals(canvas.toBytes(), Base64.getDecoder().decode(joined(fragments).get("data").asText()));
    }

    @Test
    void eachFragmentWaitsUntilTheOneBeforeHasLeftSoAClientThatDoesNotReadHoldsOne() {
        HeldWrites link = new HeldWrites();
        EmbeddedChannel client = new EmbeddedChannel(link);
        CanvasStream stream = new CanvasStream(client, noise(500, 300, 3), traffic, System::nanoTime,
            () -> sent.set(true));
        stream.start();
        client.runPendingTasks();
        assertEquals(1, drain(client).size(), "one fragment out, none queued behind it");
        assertTrue(link.releaseOne());
        assertEquals(1, drain(client).size(), "then the next");
        stream.cancel();
        assertTrue(link.releaseOne());
        assertNull(client.readOutbound(), "a cancelled stream sends no more");
        assertFalse(sent.get());
    }
}
