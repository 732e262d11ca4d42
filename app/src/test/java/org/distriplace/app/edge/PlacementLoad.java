package org.distriplace.app.edge;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.distriplace.app.testing.AppProcess;
import org.distriplace.core.model.Palette;
import org.distriplace.core.testing.TestHttp;

/**
 * Players placing through whichever edge answers (as the page does when one goes away), each placement on a pixel
 * of its own, so afterwards every acknowledged one can be looked for exactly. Paced, bounded, and stopped by
 * {@link #stop}.
 */
final class PlacementLoad implements AutoCloseable {

    /** Between one player's placements: a steady load, not a flood (the faults are the point). */
    private static final long PACE_MS = 20;

    private final List<AppProcess> edges;
    private final int width;
    private final int pixels;
    private final Palette palette = Palette.rPlace2022();
    private final AtomicInteger next = new AtomicInteger();
    /** Pixel index to the palette index of its acknowledged placement. */
    final Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();
    /** Refusals by status and error code ("unanswered" when the edge was gone), for the report. */
    final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final List<Thread> players = new ArrayList<>();
    private volatile boolean stopped;

    PlacementLoad(List<AppProcess> edges, int width, int height, int players) {
        this.edges = edges;
        this.width = width;
        this.pixels = width * height;
        for (int p = 0; p < players; p++) {
            int player = p;
            Thread thread = new Thread(() -> play(player), "player-" + p);
            thread.setDaemon(true);
            this.players.add(thread);
        }
        this.players.forEach(Thread::start);
    }

    private void play(int player) {
        TestHttp http = TestHttp.withCookies();
        int turn = player;
        while (!stopped) {
            int pixel = next.getAndIncrement();
            if (pixel >= pixels) {
                return;
            }
            // Never the background: a pixel that shows its colour was placed.
            int color = 1 + pixel % (palette.colors().size() - 1);
            if (color == palette.backgroundIndex()) {
                color = 0;
            }
            AppProcess edge = edges.get(turn++ % edges.size());
            try {
                HttpResponse<String> answer = http.post(edge.url("/pixel"), "{\"x\":" + pixel % width + ",\"y\":"
                    + pixel / width + ",\"color\":\"" + palette.colors().get(color).hex() + "\"}");
                if (answer.statusCode() == 200) {
                    acknowledged.put(pixel, color);
                } else {
                    refused.incrementAndGet();
                    String code = answer.body().replaceAll(".*\"message\":\"([^\"(]+).*", "$1");
                    refusals.merge(answer.statusCode() + " " + code, 1, Integer::sum);
                }
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                // The edge is gone: the next placement goes to another, as the page reconnects elsewhere.
                refused.incrementAndGet();
                refusals.merge("unanswered", 1, Integer::sum);
            }
            try {
                Thread.sleep(PACE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Placements made so far (acknowledged or not). */
    int made() {
        return Math.min(next.get(), pixels);
    }

    void stop() throws InterruptedException {
        stopped = true;
        for (Thread player : players) {
            player.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
