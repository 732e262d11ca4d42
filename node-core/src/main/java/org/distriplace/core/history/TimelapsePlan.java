package org.distriplace.core.history;

import org.distriplace.core.clock.Hlc;

/**
 * What a timelapse shows: {@code frames} moments evenly spaced from {@code fromMs} to {@code toMs} (the first frame
 * at {@code from}, the last at {@code to}), of a {@code region} of the canvas enlarged {@code scale} times, played at
 * {@code fps} frames a second. Checked on construction against the canvas and the budgets, so no request makes a
 * node compute more than {@link #MAX_TOTAL_PIXELS} pixels or hold a frame larger than {@link #MAX_FRAME_PIXELS}.
 */
public record TimelapsePlan(long fromMs, long toMs, int frames, int fps, Region region, int scale) {

    public static final int MAX_FRAMES = 1_000;
    public static final int MAX_FPS = 50;
    public static final int MAX_SCALE = 16;
    /** One frame, after scaling: 4096 × 4096. */
    public static final long MAX_FRAME_PIXELS = 4_096L * 4_096;
    /** Every frame together: three hundred frames of a 1000 × 1000 canvas fit, with room. */
    public static final long MAX_TOTAL_PIXELS = 400_000_000L;

    /** A rectangle of the canvas, in canvas pixels. */
    public record Region(int x, int y, int width, int height) {

        /** Parses {@code x,y,w,h}. */
        public static Region parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("region is x,y,width,height (four whole numbers), not '" + text
                    + "'");
            }
            try {
                return new Region(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("region is x,y,width,height (four whole numbers), not '" + text
                    + "'");
            }
        }

        @Override
        public String toString() {
            return x + "," + y + "," + width + "," + height;
        }
    }

    /** A timelapse asked for more than a budget allows; {@link #budget()} says which. */
    public static final class BudgetExceeded extends RuntimeException {
        private final String budget;

        public BudgetExceeded(String budget, String message) {
            super(message);
            this.budget = budget;
        }

        /** FRAME_BUDGET, PIXEL_BUDGET, TIME_BUDGET or SIZE_BUDGET. */
        public String budget() {
            return budget;
        }
    }

    /** Checks the plan; bad values throw {@link IllegalArgumentException}, too large ones {@link BudgetExceeded}. */
    public TimelapsePlan {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, not " + frames);
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("fps must be 1 to " + MAX_FPS + " (GIF counts in hundredths of a "
                + "second), not " + fps);
        }
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 1 to " + MAX_SCALE + ", not " + scale);
        }
        if (toMs < fromMs) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if (region.width() < 1 || region.height() < 1) {
            throw new IllegalArgumentException("region " + region + " is empty");
        }
        if (frames > MAX_FRAMES) {
            throw new BudgetExceeded("FRAME_BUDGET", frames + " frames asked; a timelapse has at most " + MAX_FRAMES);
        }
        long framePixels = (long) region.width() * scale * region.height() * scale;
        if (framePixels > MAX_FRAME_PIXELS) {
            throw new BudgetExceeded("PIXEL_BUDGET", "a frame of " + region.width() * scale + "x"
                + region.height() * scale + " pixels is over the " + MAX_FRAME_PIXELS + " a frame may have; ask for "
                + "a smaller region or scale");
        }
        if (framePixels * frames > MAX_TOTAL_PIXELS) {
            throw new BudgetExceeded("PIXEL_BUDGET", frames + " frames of " + framePixels + " pixels are over the "
                + MAX_TOTAL_PIXELS + " pixels a timelapse may have; ask for fewer frames, a smaller region or scale");
        }
    }

    /**
     * The plan people ask for: {@code from} and {@code to} as ISO-8601 times, or null for the first and last
     * placement of {@code range}; {@code region} as {@code x,y,w,h}, or null for the whole {@code width × height}
     * canvas; checked against the canvas and the budgets.
     */
    public static TimelapsePlan of(HistoryReads.Range range, String from, String to, int frames, int fps, String region,
                                   int scale, int width, int height) {
        if ((from == null || to == null) && range.placements() == 0) {
            throw new IllegalArgumentException("the history is empty: give from and to");
        }
        long fromMs = from != null ? Instants.parse(from).toEpochMilli() : Hlc.physical(range.first());
        long toMs = to != null ? Instants.parse(to).toEpochMilli() : Hlc.physical(range.last());
        Region area = region != null ? Region.parse(region) : new Region(0, 0, width, height);
        return new TimelapsePlan(fromMs, toMs, frames, fps, area, scale).within(width, height);
    }

    /** Checks that the region lies inside a {@code width × height} canvas. */
    public TimelapsePlan within(int width, int height) {
        if (region.x() < 0 || region.y() < 0 || (long) region.x() + region.width() > width
            || (long) region.y() + region.height() > height) {
            throw new IllegalArgumentException("region " + region + " is not inside the " + width + "x" + height
                + " canvas");
        }
        return this;
    }

    /** The moment frame {@code index} shows, in milliseconds since the epoch. */
    public long frameMs(int index) {
        if (frames == 1) {
            return toMs;
        }
        return fromMs + Math.round((double) (toMs - fromMs) * index / (frames - 1));
    }

    public int outputWidth() {
        return region.width() * scale;
    }

    public int outputHeight() {
        return region.height() * scale;
    }

    /** How long each frame shows, in GIF's hundredths of a second. */
    public int delayCentis() {
        return Math.max(2, Math.round(100f / fps));
    }
}
