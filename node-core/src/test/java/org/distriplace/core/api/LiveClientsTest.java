package org.distriplace.core.api;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;
import org.junit.jupiter.api.Test;

class LiveClientsTest {

    private static final long BACKLOG = 1 << 20;

    private final AtomicReference<ReadView> latest = new AtomicReference<>(view(
        CanvasImage.blank(8, 8, Palette.rPlace2022())));
    private final AtomicLong nanos = new AtomicLong();
    private final LiveClients live = new LiveClients(latest::get, BACKLOG, nanos::get);

    private static ReadView view(CanvasImage canvas) {
        return new ReadView(canvas, VectorClock.EMPTY, "0".repeat(16), 0, PlacementTimes.EMPTY, 0);
    }

    private static String type(Object frame) {
        String text = ((TextWebSocketFrame) frame).text();
        return text.substring(9, text.indexOf('"', 9));
    }

    private void join(EmbeddedChannel client) {
        live.join(client, view -> Responses.JSON.createObjectNode().put("type", "welcome"));
        client.runPendingTasks();
    }

    /** A client on a slow link, joined to a canvas of 13 fragments: the first is out, the rest wait for it. */
    private EmbeddedChannel joinSlowly(HeldWrites link) {
        latest.set(view(CanvasStreamTest.noise(500, 300, 7)));
        EmbeddedChannel client = new EmbeddedChannel(link);
        join(client);
        assertEquals("welcome", type(client.readOutbound()));
        assertEquals("canvas", type(client.readOutbound()));
        return client;
    }

    private static CloseWebSocketFrame closeFrame(EmbeddedChannel client) {
        Object last = null;
        for (Object next; (next = client.readOutbound()) != null; ) {
            last = next;
        }
        return assertInstanceOf(CloseWebSocketFrame.class, last, "the client is told why it goes");
    }

    @Test
    void aClientGetsWelcomeAndCanvasThenOneFrameOfPixelsPerTick() {
        EmbeddedChannel client = new EmbeddedChannel();
        join(client);
        assertEquals("welcome", type(client.readOutbound()));
        assertEquals("canvas", type(client.readOutbound()));
        live.committed(write(1, 1, 2, 3), true);
        live.committed(write(1, 2, 4, 5), true);
        live.committed(write(1, 3, 6, 7), false);
        live.flush();
        TextWebSocketFrame pixels = client.readOutbound();
        assertEquals("{\"type\":\"pixels\",\"events\":[{\"x\":2,\"y\":3,\"color\":\"#FF4500\"},"
            + "{\"x\":4,\"y\":5,\"color\":\"#FF4500\"}]}", pixels.text(), "only pixels that changed, in one frame");
        assertNull(client.readOutbound());
        live.flush();
        assertNull(client.readOutbound(), "nothing new, nothing sent");
    }

    /** A client that asked for binary pixels gets the same tick as five bytes a pixel; a JSON client, as text. */
    @Test
    void binaryAndJsonClientsGetTheSameTickEachInItsOwnForm() {
        EmbeddedChannel text = new EmbeddedChannel();
        join(text);
        EmbeddedChannel binary = new EmbeddedChannel();
        live.join(binary, view -> Responses.JSON.createObjectNode().put("type", "welcome"), true);
        binary.runPendingTasks();
        for (EmbeddedChannel client : List.of(text, binary)) {
            assertEquals("welcome", type(client.readOutbound()));
            assertEquals("canvas", type(client.readOutbound()), "the canvas stays JSON");
        }
        Palette palette = Palette.rPlace2022();
        live.committed(write(1, 1, 2, 3), true);
        live.committed(write(1, 2, 7, 5, palette.color(3).hex(), "u", 1_002), true);
        live.flush();
        TextWebSocketFrame json = text.readOutbound();
        assertEquals("{\"type\":\"pixels\",\"events\":[{\"x\":2,\"y\":3,\"color\":\"#FF4500\"},"
            + "{\"x\":7,\"y\":5,\"color\":\"" + palette.color(3).hex() + "\"}]}", json.text());
        BinaryWebSocketFrame frame = assertInstanceOf(BinaryWebSocketFrame.class, binary.readOutbound());
        ByteBuf bytes = frame.content();
        assertEquals(1 + 2 * PixelFrames.BINARY_PIXEL_BYTES, bytes.readableBytes());
        assertEquals(PixelFrames.BINARY_PIXELS, bytes.readByte());
        assertEquals(3 * 8 + 2, bytes.readInt(), "offset y * width + x on the 8-wide canvas");
        assertEquals(palette.indexOf(write(1, 1, 2, 3).color()), bytes.readUnsignedByte());
        assertEquals(5 * 8 + 7, bytes.readInt());
        assertEquals(3, bytes.readUnsignedByte(), "the palette index");
        frame.release();
        json.release();
        assertNull(binary.readOutbound());
    }

    @Test
    void aClientAsksForBinaryPixelsInItsUrl() {
        assertTrue(WebSocketSession.wantsBinaryPixels("/ws?pixels=binary"));
        assertFalse(WebSocketSession.wantsBinaryPixels("/ws"));
        assertFalse(WebSocketSession.wantsBinaryPixels("/ws?pixels=json"));
    }

    /** While someone inspects the node, each frame sent is told as an event: a followed pixel reaches browsers. */
    @Test
    void eachFrameSentIsToldToAnInspectorWhoWantsIt() {
        List<NodeEvent> told = new ArrayList<>();
        AtomicBoolean inspected = new AtomicBoolean(true);
        EventSink inspector = new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                told.add(event);
            }

            @Override
            public boolean wantsMessages() {
                return inspected.get();
            }
        };
        LiveClients watched = new LiveClients(latest::get, BACKLOG, inspector, 4);
        watched.committed(write(1, 1, 2, 3), true);
        watched.flush();
        assertEquals(List.of(), told, "no client, no frame, nothing to tell");
        for (int i = 0; i < 2; i++) {
            EmbeddedChannel client = new EmbeddedChannel();
            watched.join(client, view -> Responses.JSON.createObjectNode().put("type", "welcome"));
            client.runPendingTasks();
        }
        List<PixelWrite> first = List.of(write(1, 2, 4, 5), write(1, 3, 6, 7));
        first.forEach(w -> watched.committed(w, true));
        watched.committed(write(1, 4, 1, 1), false);
        watched.flush();
        NodeEvent.ClientsTold frame = assertInstanceOf(NodeEvent.ClientsTold.class, told.get(0));
        assertEquals(4, frame.node());
        assertEquals(2, frame.clients());
        assertEquals(first.stream().map(PixelWrite::dot).toList(), frame.dots(), "the writes it carried");
        inspected.set(false);
        watched.committed(write(1, 5, 2, 2), true);
        watched.flush();
        assertEquals(1, told.size(), "nobody inspecting: no event built");
    }

    @Test
    void afterFullStateEveryClientGetsTheNewCanvas() {
        EmbeddedChannel client = new EmbeddedChannel();
        join(client);
        client.readOutbound();
        client.readOutbound();
        live.reloaded();
        live.flush();
        client.runPendingTasks();
        assertEquals("canvas", type(client.readOutbound()));
    }

    @Test
    void pixelsCommittedWhileTheCanvasIsOnItsWayFollowIt() {
        HeldWrites link = new HeldWrites();
        EmbeddedChannel client = joinSlowly(link);
        live.committed(write(1, 1, 2, 3), true);
        live.flush();
        assertNull(client.readOutbound(), "no pixels inside the canvas message");
        while (link.releaseOne()) {
            client.runPendingTasks();
        }
        for (int fragment = 0; fragment < 12; fragment++) {
            assertInstanceOf(ContinuationWebSocketFrame.class, client.readOutbound());
        }
        assertEquals("pixels", type(client.readOutbound()), "then the pixels that waited");
        assertTrue(client.isOpen());
    }

    @Test
    void aClientMoreThanItsBacklogBehindIsDisconnectedWhileOthersReceiveEverything() {
        EmbeddedChannel reader = new EmbeddedChannel();
        join(reader);
        reader.readOutbound();
        reader.readOutbound();
        EmbeddedChannel idle = new EmbeddedChannel();
        join(idle);
        idle.readOutbound();
        idle.readOutbound();
        idle.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        live.committed(write(1, 1, 2, 3), true);
        live.flush();
        CloseWebSocketFrame close = closeFrame(idle);
        assertEquals(1013, close.statusCode());
        assertEquals(LiveClients.TOO_SLOW, close.reasonText());
        idle.runPendingTasks();
        assertFalse(idle.isOpen());
        assertEquals("pixels", type(reader.readOutbound()));
        assertEquals(1, live.size());
        assertEquals(1, live.traffic().slowDisconnects());
    }

    @Test
    void pixelsWaitingForACanvasCountAgainstTheBacklog() {
        LiveClients tight = new LiveClients(latest::get, 100, nanos::get);
        latest.set(view(CanvasStreamTest.noise(500, 300, 7)));
        EmbeddedChannel client = new EmbeddedChannel(new HeldWrites());
        tight.join(client, view -> Responses.JSON.createObjectNode().put("type", "welcome"));
        client.runPendingTasks();
        tight.committed(write(1, 1, 2, 3), true);
        tight.flush();
        assertTrue(client.isOpen(), "one frame fits");
        tight.committed(write(1, 2, 2, 4), true);
        tight.committed(write(1, 3, 2, 5), true);
        tight.flush();
        assertEquals(1013, closeFrame(client).statusCode(), "three do not");
        assertEquals(0, tight.size());
    }

    @Test
    void aClientThatStopsTakingItsCanvasIsDisconnectedEvenOnAQuietCanvas() {
        HeldWrites link = new HeldWrites();
        EmbeddedChannel client = joinSlowly(link);
        nanos.addAndGet(LiveClients.STALLED_NANOS / 2);
        link.releaseOne();
        client.runPendingTasks();
        live.flush();
        assertTrue(client.isOpen(), "its canvas moves, slowly");
        nanos.addAndGet(LiveClients.STALLED_NANOS + 1);
        live.flush();
        assertEquals(1013, closeFrame(client).statusCode());
        client.advanceTimeBy(LiveClients.CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        assertFalse(client.isOpen(), "closed though it never took the close frame");
    }

    @Test
    void aFullStateDuringACanvasSendsTheNewCanvasAfterIt() {
        HeldWrites link = new HeldWrites();
        EmbeddedChannel client = joinSlowly(link);
        live.committed(write(1, 1, 2, 3), true);
        live.reloaded();
        live.flush();
        while (link.releaseOne()) {
            client.runPendingTasks();
        }
        for (int fragment = 0; fragment < 12; fragment++) {
            assertInstanceOf(ContinuationWebSocketFrame.class, client.readOutbound());
        }
        WebSocketFrame next = client.readOutbound();
        assertEquals("canvas", type(next), "the new canvas, and not the pixels it supersedes");
    }
}
