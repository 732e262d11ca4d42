package org.distriplace.core.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * A node's committed state: the canvas, the version vector naming exactly which writes it holds, and the recent
 * write log that serves delta synchronisation.
 *
 * <p>Committed dots of each ordering node form a gapless sequence (see {@code docs/protocol.md}), so a replica
 * takes a node's writes strictly in counter order: a write it already holds is a duplicate, one that skips ahead
 * is refused as a gap and left for anti-entropy to fill. Not thread-safe: owned by the node's thread.
 */
public final class Replica {

    /** What committing one write did. */
    public enum Applied { APPLIED, DUPLICATE, GAP }

    private final CanvasReplica canvas;
    private final TreeMap<Integer, Long> version = new TreeMap<>();
    private final WriteLog log;
    private VectorClock versionSnapshot = VectorClock.EMPTY;

    /** A replica of the whole canvas. */
    public Replica(int width, int height, int tileSize, Palette palette, int logRetention) {
        this(new CanvasReplica(width, height, tileSize, palette), logRetention);
    }

    /** A replica of {@code canvas}'s rectangle (a shard's, or the whole canvas), starting empty. */
    public Replica(CanvasReplica canvas, int logRetention) {
        this.canvas = canvas;
        this.log = new WriteLog(logRetention);
    }

    public CanvasReplica canvas() {
        return canvas;
    }

    public VectorClock version() {
        return versionSnapshot;
    }

    /** Number of committed writes this replica holds. */
    public long committedWrites() {
        return versionSnapshot.total();
    }

    public boolean holds(Dot dot) {
        return dot.counter() <= version.getOrDefault(dot.node(), 0L);
    }

    public Applied commit(PixelWrite write) {
        Dot dot = write.dot();
        long have = version.getOrDefault(dot.node(), 0L);
        if (dot.counter() <= have) {
            return Applied.DUPLICATE;
        }
        if (dot.counter() != have + 1) {
            return Applied.GAP;
        }
        canvas.apply(write);
        version.put(dot.node(), dot.counter());
        versionSnapshot = versionSnapshot.with(dot.node(), dot.counter());
        log.append(write);
        return Applied.APPLIED;
    }

    /** True when committing {@code writes} in order would leave no gap. */
    public boolean canExtendWith(List<PixelWrite> writes) {
        Map<Integer, Long> next = new HashMap<>();
        for (PixelWrite write : writes) {
            Dot dot = write.dot();
            long have = next.computeIfAbsent(dot.node(), n -> version.getOrDefault(n, 0L));
            if (dot.counter() > have + 1) {
                return false;
            }
            next.put(dot.node(), Math.max(have, dot.counter()));
        }
        return true;
    }

    /** The writes this replica holds beyond {@code theirs}, or empty when a delta is not possible (see log). */
    public Optional<List<PixelWrite>> writesBeyond(VectorClock theirs, int limit) {
        return log.between(theirs, versionSnapshot, limit);
    }

    /**
     * Merges full state from a peer: its tiles (last write wins, pixel by pixel) and its version. Afterwards this
     * replica holds every write the peer held. Returns the number of pixels that changed.
     */
    public int mergeFullState(List<TileState> tiles, VectorClock theirVersion) {
        int changed = mergeTiles(tiles);
        adoptVersion(theirVersion);
        return changed;
    }

    /** Merges tiles pixel by pixel (last write wins); always safe, the version is unchanged. */
    public int mergeTiles(List<TileState> tiles) {
        int changed = 0;
        for (TileState tile : tiles) {
            changed += canvas.merge(tile);
        }
        return changed;
    }

    /**
     * Takes a peer's version after every differing tile of its full state was merged: this replica now holds
     * every write the peer held (those writes are not in the log, so they cannot be served as a delta).
     */
    public void adoptVersion(VectorClock theirVersion) {
        for (Map.Entry<Integer, Long> entry : theirVersion.asMap().entrySet()) {
            if (entry.getValue() > version.getOrDefault(entry.getKey(), 0L)) {
                version.put(entry.getKey(), entry.getValue());
                log.restartAfter(entry.getKey(), entry.getValue());
            }
        }
        versionSnapshot = versionSnapshot.merge(theirVersion);
    }
}
