package org.distriplace.core.history;

import java.io.IOException;
import java.io.OutputStream;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.image.GifWriter;
import org.distriplace.core.model.Palette;

/**
 * Renders a {@link TimelapsePlan}: the canvas at the first frame's moment (from the nearest snapshot), then each
 * next frame by replaying only the writes between the two moments, so a timelapse costs one pass over its stretch of
 * history rather than a reconstruction per frame. Each frame is the plan's region, enlarged. Thread-safe (it keeps
 * nothing between calls); runs on the caller's thread, which must not be the node's.
 */
public final class Timelapse {

    /** Receives each frame: {@code outputWidth × outputHeight} palette indexes, row-major, the receiver's to keep. */
    @FunctionalInterface
    public interface Frames {
        void frame(int index, byte[] indexes) throws IOException;
    }

    /** Told after each frame; may stop the timelapse by throwing (cancelled, over its time budget). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void framesDone(int done, int total);
    }

    private final PastReads machine;
    private final int width;
    private final int height;
    private final Palette palette;

    public Timelapse(PastReads machine, int width, int height, Palette palette) {
        this.machine = machine;
        this.width = width;
        this.height = height;
        this.palette = palette;
    }

    /** Renders every frame of {@code plan} (checked against this canvas) into {@code out}, in order. */
    public void render(TimelapsePlan plan, Frames out, Progress progress) throws IOException {
        plan.within(width, height);
        long moment = stamp(plan.frameMs(0));
        byte[] canvas = machine.at(moment).indexes();
        out.frame(0, frame(canvas, plan));
        progress.framesDone(1, plan.frames());
        for (int i = 1; i < plan.frames(); i++) {
            long next = stamp(plan.frameMs(i));
            if (next > moment) {
                TimeMachine.apply(machine.between(moment, next), canvas, width, palette);
                moment = next;
            }
            out.frame(i, frame(canvas, plan));
            progress.framesDone(i + 1, plan.frames());
        }
    }

    /** Renders {@code plan} as an animated GIF into {@code out} (not closed). */
    public void gif(TimelapsePlan plan, OutputStream out, Progress progress) throws IOException {
        GifWriter gif = new GifWriter(out, plan.outputWidth(), plan.outputHeight(), palette, plan.delayCentis());
        render(plan, (index, indexes) -> gif.frame(indexes), progress);
        gif.finish();
    }

    /** Every write committed in the millisecond counts: the stamp after all of that millisecond's. */
    private static long stamp(long ms) {
        return Hlc.pack(ms, Hlc.LOGICAL_MASK);
    }

    /** The plan's region of {@code canvas}, each pixel enlarged to scale × scale. */
    private byte[] frame(byte[] canvas, TimelapsePlan plan) {
        TimelapsePlan.Region region = plan.region();
        int scale = plan.scale();
        int outWidth = plan.outputWidth();
        byte[] frame = new byte[outWidth * plan.outputHeight()];
        for (int y = 0; y < region.height(); y++) {
            int source = (region.y() + y) * width + region.x();
            int row = y * scale * outWidth;
            if (scale == 1) {
                System.arraycopy(canvas, source, frame, row, region.width());
                continue;
            }
            for (int x = 0; x < region.width(); x++) {
                byte value = canvas[source + x];
                for (int k = 0; k < scale; k++) {
                    frame[row + x * scale + k] = value;
                }
            }
            for (int k = 1; k < scale; k++) {
                System.arraycopy(frame, row, frame, row + k * outWidth, outWidth);
            }
        }
        return frame;
    }
}
