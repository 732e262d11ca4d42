package org.distriplace.edge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.distriplace.core.engine.CanvasSettings;

/**
 * Rebuilds the canvas in Redis after Redis lost it (seed 2 keeps nothing on Redis' disk): from a starting canvas
 * (the history's newest snapshot, or blank) and the log after it, keeping at each pixel the placement with the
 * newest stamp (last write wins, whatever order the log holds them in); then each band's clock and sequence, so
 * new placements are ordered after every logged one, and the cooldowns still running. Not thread-safe: one edge
 * rebuilds, holding the rebuild lock.
 */
final class CanvasRebuild {

    /** What was rebuilt: the placements read from the log, and the moment the starting canvas showed. */
    record Summary(long placements, long since) {
    }

    private final CanvasBands bands;
    private final byte[] canvas;
    private final long[] stamps;
    private final long[][] clocks;
    private final Map<String, Long> lastPlaced = new HashMap<>();
    private long placements;

    private CanvasRebuild(CanvasBands bands, RebuildStart start) {
        this.bands = bands;
        this.canvas = start.canvas().clone();
        this.stamps = new long[canvas.length];
        // Placements stamped at or before the start's moment are in its canvas already: only newer ones apply.
        Arrays.fill(stamps, start.since());
        this.clocks = new long[bands.count()][3];
    }

    /** Rebuilds from {@code start} and the log after it, and writes the result to Redis. */
    static Summary run(RedisCanvas redis, String bootstrap, String topic, CanvasSettings settings, RebuildStart start) {
        CanvasRebuild rebuild = new CanvasRebuild(redis.bands(), start);
        LogReader.readToEnd(bootstrap, topic, start.offsets(), rebuild::apply);
        rebuild.write(redis, settings.cooldownMs());
        return new Summary(rebuild.placements, start.since());
    }

    private void apply(Placement placement) {
        if (placement.x() < 0 || placement.y() < 0 || placement.x() >= bands.width()
            || placement.y() >= bands.height() || placement.band() != bands.bandOf(placement.y())) {
            return;
        }
        placements++;
        int pixel = placement.y() * bands.width() + placement.x();
        if (placement.stamp() > stamps[pixel]) {
            stamps[pixel] = placement.stamp();
            canvas[pixel] = (byte) placement.color();
        }
        long[] clock = clocks[placement.band()];
        if (placement.ms() > clock[0] || placement.ms() == clock[0] && placement.logical() > clock[1]) {
            clock[0] = placement.ms();
            clock[1] = placement.logical();
        }
        clock[2] = Math.max(clock[2], placement.seq());
        lastPlaced.merge(placement.user(), placement.ms(), Math::max);
    }

    private void write(RedisCanvas redis, long cooldownMs) {
        long now = redis.timeMs();
        if (cooldownMs > 0) {
            lastPlaced.forEach((user, ms) -> {
                long left = ms + cooldownMs - now;
                if (left > 0) {
                    redis.cooldown(user, left);
                }
            });
        }
        int width = bands.width();
        for (int band = 0; band < bands.count(); band++) {
            int from = bands.firstRow(band) * width;
            byte[] pixels = Arrays.copyOfRange(canvas, from, from + bands.rows(band) * width);
            long[] clock = clocks[band];
            redis.restore(band, pixels, clock[0], clock[1], clock[2]);
        }
    }
}
