package org.distriplace.bench;

import io.netty.channel.Channel;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Paints many distinct pixels through one node's WebSocket as fast as the cluster commits them (a window of
 * placements in flight), spread over the whole canvas: the state a read benchmark needs first.
 */
final class Painter {

    private static final int WINDOW = 2_000;
    private static final String[] COLORS = {"#FF4500", "#2450A4", "#00A368", "#FFD635", "#811E9F", "#000000"};
    private static final Pattern ANSWER = Pattern.compile("^\\{\"type\":\"(success|error)\"");
    /** Odd and not a multiple of 5, so it permutes every canvas of 2^a x 5^b pixels. */
    private static final long SPREAD = 2_654_435_761L;

    private final URI node;
    private final int width;
    private final int pixels;

    Painter(URI node, int width, int height) {
        this.node = node;
        this.width = width;
        this.pixels = width * height;
    }

    /** The {@code i}-th pixel painted: distinct for every {@code i} below the canvas's pixel count. */
    static long pixel(long i, int pixels) {
        return i * SPREAD % pixels;
    }

    /** Paints {@code count} distinct pixels; fails if more than 1% are refused or they take over two minutes. */
    void paint(int count) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch answered = new CountDownLatch(count);
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch canvas = new CountDownLatch(1);
        try (WsClients clients = new WsClients(1)) {
            Channel channel = clients.connect(node, null, (text, bytes, at) -> {
                if (text.startsWith("{\"type\":\"canvas\"")) {
                    canvas.countDown();
                }
                var answer = ANSWER.matcher(text);
                if (answer.find()) {
                    if (answer.group(1).equals("error")) {
                        refused.incrementAndGet();
                    }
                    window.release();
                    answered.countDown();
                }
            }).get(30, TimeUnit.SECONDS);
            // Placing while the canvas is still on its way would make this client look too slow to the node.
            if (!canvas.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no canvas from " + node);
            }
            for (int i = 0; i < count; i++) {
                if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no answers for a minute after " + i + " placements");
                }
                long at = pixel(i, pixels);
                WsClients.send(channel, "{\"type\":\"place\",\"x\":" + at % width + ",\"y\":" + at / width
                    + ",\"color\":\"" + COLORS[i % COLORS.length] + "\",\"requestId\":" + i + "}");
            }
            if (!answered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(answered.getCount() + " placements unanswered");
            }
        }
        if (refused.get() > count / 100) {
            throw new IllegalStateException(refused.get() + " of " + count + " placements refused");
        }
    }
}
