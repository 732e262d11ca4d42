package org.distriplace.core.api;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;
import org.junit.jupiter.api.Test;

class LiveClientsTest {

    private final AtomicReference<ReadView> latest = new AtomicReference<>(new ReadView(
        CanvasImage.blank(8, 8, Palette.rPlace2022()), VectorClock.EMPTY, "0".repeat(16), 0, PlacementTimes.EMPTY, 0));
    private final LiveClients live = new LiveClients(latest::get, new CanvasEncodings(latest::get));

    private static String type(Object frame) {
        String text = ((TextWebSocketFrame) frame).text();
        return text.substring(9, text.indexOf('"', 9));
    }

    private void join(EmbeddedChannel client) {
        live.join(client, view -> Responses.JSON.createObjectNode().put("type", "welcome"));
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

    @Test
    void afterFullStateEveryClientGetsTheNewCanvas() {
        EmbeddedChannel client = new EmbeddedChannel();
        join(client);
        client.readOutbound();
        client.readOutbound();
        live.reloaded();
        live.flush();
        assertEquals("canvas", type(client.readOutbound()));
    }

    /** Holds the canvas frame's write, as a slow link does, until released. */
    private static final class SlowLink extends ChannelOutboundHandlerAdapter {
        private ChannelPromise canvasSent;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (canvasSent == null && msg instanceof TextWebSocketFrame text && text.text().contains("\"canvas\"")) {
                canvasSent = promise;
                ctx.write(msg);
            } else {
                ctx.write(msg, promise);
            }
        }
    }

    @Test
    void aClientStillReceivingItsCanvasIsNotTakenForASlowOne() {
        SlowLink link = new SlowLink();
        EmbeddedChannel client = new EmbeddedChannel(link);
        join(client);
        client.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        live.committed(write(1, 1, 2, 3), true);
        live.flush();
        assertTrue(client.isOpen(), "its canvas is still on its way");
        client.readOutbound();
        client.readOutbound();
        assertEquals("pixels", type(client.readOutbound()));

        link.canvasSent.setSuccess();
        live.committed(write(1, 2, 2, 4), true);
        live.flush();
        Object last = client.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, last, "with its canvas sent, a client that takes nothing is slow");
        assertEquals(1013, ((CloseWebSocketFrame) last).statusCode());
        client.runPendingTasks();
        assertFalse(client.isOpen());
    }
}
