package org.distriplace.inspector.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The space-time diagram's ruler, as plain arithmetic: ticks at round intervals (1, 2 or 5 × 10^k ms) far enough
 * apart to read at the zoom shown, their labels in cluster time, and the zoom's rungs from 20 ms to 20 s.
 */
final class TimeAxis {

    /** The narrowest window: a 30 ms election fills the view. */
    static final long MIN_WINDOW_MS = 20;
    /** The widest window: heartbeats a second apart still read as separate arrows. */
    static final long MAX_WINDOW_MS = 20_000;
    /** Times past this are wall-clock milliseconds since 1970 (a real cluster), not a simulation's clock. */
    private static final long WALL_CLOCK_FROM_MS = 100_000_000_000L;
    private static final long[] ZOOMS = {20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000};

    /** A tick of the ruler: a moment and how it is written. */
    record Tick(long atMs, String label) {
    }

    private TimeAxis() {
    }

    /**
     * The smallest round interval (1, 2 or 5 × 10^k ms, at least 1 ms) whose ticks lie at least {@code minGapPx}
     * apart when {@code windowMs} spans {@code pixels}.
     */
    static long step(double windowMs, double pixels, double minGapPx) {
        double wanted = windowMs * minGapPx / Math.max(1, pixels);
        for (long decade = 1; ; decade *= 10) {
            for (long mantissa : new long[] {1, 2, 5}) {
                if (mantissa * decade >= wanted) {
                    return mantissa * decade;
                }
            }
            if (decade > Long.MAX_VALUE / 100) {
                return decade;
            }
        }
    }

    /** The ticks between {@code startMs} and {@code endMs} (inclusive), at {@link #step} apart on round times. */
    static List<Tick> ticks(long startMs, long endMs, double pixels, double minGapPx) {
        long step = step(endMs - startMs, pixels, minGapPx);
        List<Tick> ticks = new ArrayList<>();
        for (long at = Math.floorDiv(startMs + step - 1, step) * step; at <= endMs; at += step) {
            ticks.add(new Tick(at, label(at, step)));
        }
        return ticks;
    }

    /**
     * {@code atMs} written with as many decimals as {@code stepMs} needs: "12.345 s" in a simulation's clock, or
     * the time of day ("14:03:27.345") for a real cluster's wall-clock time.
     */
    static String label(long atMs, long stepMs) {
        int decimals = stepMs % 1000 == 0 ? 0 : stepMs % 100 == 0 ? 1 : stepMs % 10 == 0 ? 2 : 3;
        if (atMs >= WALL_CLOCK_FROM_MS) {
            LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(atMs), ZoneId.systemDefault());
            String whole = String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(),
                time.getSecond());
            String millis = String.format(Locale.ROOT, "%03d", time.getNano() / 1_000_000);
            return decimals == 0 ? whole : whole + "." + millis.substring(0, decimals);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f s", atMs / 1000.0);
    }

    /** A duration as a lecturer says it: "5 ms", "2.5 ms", "1.5 s", "20 s". */
    static String duration(double ms) {
        if (ms >= 1000) {
            String seconds = new BigDecimal(ms / 1000).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
            return seconds + " s";
        }
        return String.format(Locale.ROOT, ms == Math.rint(ms) || ms >= 10 ? "%.0f ms" : "%.1f ms", ms);
    }

    /** The zoom in words: the window's span and the tick interval, e.g. "50 ms shown, a tick every 5 ms". */
    static String scale(long windowMs, double pixels, double minGapPx) {
        return duration(windowMs) + " shown, a tick every " + duration(step(windowMs, pixels, minGapPx));
    }

    /** {@code windowMs} within the zoom's limits. */
    static long clamp(long windowMs) {
        return Math.max(MIN_WINDOW_MS, Math.min(MAX_WINDOW_MS, windowMs));
    }

    /** The next narrower rung below {@code windowMs} (zooming in), or the narrowest. */
    static long zoomedIn(long windowMs) {
        for (int i = ZOOMS.length - 1; i >= 0; i--) {
            if (ZOOMS[i] < windowMs) {
                return ZOOMS[i];
            }
        }
        return MIN_WINDOW_MS;
    }

    /** The next wider rung above {@code windowMs} (zooming out), or the widest. */
    static long zoomedOut(long windowMs) {
        for (long zoom : ZOOMS) {
            if (zoom > windowMs) {
                return zoom;
            }
        }
        return MAX_WINDOW_MS;
    }
}
