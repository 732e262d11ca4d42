package org.distriplace.core.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * The canvas at any moment: the nearest snapshot at or before it, then the writes stamped after the snapshot and at
 * most the moment, replayed in stamp order (so the last write at a pixel is the one last-write-wins keeps). Every
 * replica holding the same history rebuilds the same canvas. Thread-safe (it keeps nothing between calls).
 */
public final class TimeMachine implements PastReads {

    /** Replay order: by stamp (time, then ordering node), then by dot: the last one applied wins, as on a replica. */
    static final Comparator<PixelWrite> STAMP_ORDER = Comparator.comparing(PixelWrite::stamp)
        .thenComparing(PixelWrite::dot);

    private final ChunkSource chunks;
    private final SnapshotStore snapshots;
    private final int width;
    private final int height;
    private final Palette palette;

    public TimeMachine(ChunkSource chunks, SnapshotStore snapshots, int width, int height, Palette palette) {
        this.chunks = chunks;
        this.snapshots = snapshots;
        this.width = width;
        this.height = height;
        this.palette = palette;
    }

    /** How many snapshots of the past are kept now (they are computed in the background). */
    @Override
    public int snapshotsKept() {
        return snapshots.times().size();
    }

    @Override
    public PastCanvas at(long time) {
        PastCanvas base = snapshots.floor(time).orElseGet(this::blank);
        byte[] canvas = base.indexes().clone();
        long[] replayed = replay(canvas, base.time(), time);
        return new PastCanvas(width, height, time, Math.max(base.commitPoint(), replayed[1]),
            base.placements() + replayed[0], canvas);
    }

    /** The writes stamped after {@code after} and at most {@code through}, in stamp order (a rollback reads them). */
    @Override
    public List<PixelWrite> between(long after, long through) {
        List<PixelWrite> found = new ArrayList<>();
        chunks.forEachBetween(after, through, (seq, body) -> {
            for (PixelWrite write : ChunkCodec.decode(body, chunks::userName)) {
                if (write.timestamp() > after && write.timestamp() <= through) {
                    found.add(write);
                }
            }
        });
        found.sort(STAMP_ORDER);
        return found;
    }

    /**
     * Applies to {@code canvas} (which shows the moment {@code after}) the writes stamped after {@code after} and
     * at most {@code through}, in stamp order; returns how many, and the newest one's stamp (0 when none).
     */
    long[] replay(byte[] canvas, long after, long through) {
        return apply(between(after, through), canvas, width, palette);
    }

    /**
     * Applies {@code writes}, in replay order, to {@code canvas} ({@code width} pixels a row); returns how many, and
     * the newest one's stamp (0 when none).
     */
    public static long[] apply(List<PixelWrite> writes, byte[] canvas, int width, Palette palette) {
        long commitPoint = 0;
        for (PixelWrite write : writes) {
            int index = palette.indexOf(write.color());
            canvas[write.y() * width + write.x()] = (byte) (index < 0 ? palette.backgroundIndex() : index);
            commitPoint = Math.max(commitPoint, write.timestamp());
        }
        return new long[] {writes.size(), commitPoint};
    }

    /** The canvas before any write: every pixel the palette's background. */
    private PastCanvas blank() {
        byte[] canvas = new byte[width * height];
        Arrays.fill(canvas, (byte) palette.backgroundIndex());
        return new PastCanvas(width, height, Long.MIN_VALUE, 0, 0, canvas);
    }
}
