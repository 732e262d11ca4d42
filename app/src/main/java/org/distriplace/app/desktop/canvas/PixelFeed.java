package org.distriplace.app.desktop.canvas;

import java.util.Arrays;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.PixelListener;

/**
 * Committed pixel changes on their way from the node's thread to the screen: the node appends (never blocking on
 * the UI), and the UI takes everything queued once per frame. Each entry packs the pixel index and its ARGB
 * colour; a "reload" entry says the whole canvas changed (full state arrived from a peer). Thread-safe.
 */
public final class PixelFeed implements PixelListener {

    /** The entry that stands for "re-read the whole canvas". */
    public static final long RELOAD = -1L;

    private final int width;
    private long[] queued = new long[1024];
    private long[] spare = new long[1024];
    private int size;

    public PixelFeed(int width) {
        this.width = width;
    }

    /** The entry for one pixel: its index in the high half, its ARGB colour in the low half. */
    public static long entry(int index, int argb) {
        return ((long) index << 32) | (argb & 0xFFFF_FFFFL);
    }

    public static int index(long entry) {
        return (int) (entry >>> 32);
    }

    public static int argb(long entry) {
        return (int) entry;
    }

    @Override
    public void committed(PixelWrite write, boolean changed) {
        if (changed) {
            append(entry(write.y() * width + write.x(), 0xFF00_0000 | write.color().rgb()));
        }
    }

    @Override
    public void reloaded() {
        append(RELOAD);
    }

    private synchronized void append(long entry) {
        if (size == queued.length) {
            queued = Arrays.copyOf(queued, size * 2);
        }
        queued[size++] = entry;
    }

    /** What the consumer took: {@code entries[0..count)}, oldest first; valid until the next {@link #take}. */
    public record Taken(long[] entries, int count) {
    }

    /** Takes everything queued so far (double-buffered: no allocation in the steady state). */
    public synchronized Taken take() {
        long[] taken = queued;
        int count = size;
        queued = spare.length >= taken.length ? spare : new long[taken.length];
        spare = taken;
        size = 0;
        return new Taken(taken, count);
    }
}
