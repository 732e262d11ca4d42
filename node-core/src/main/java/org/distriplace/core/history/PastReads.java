package org.distriplace.core.history;

import java.util.List;
import org.distriplace.core.model.PixelWrite;

/**
 * The canvas at past moments, as the API, timelapses and rollbacks read it: a node rebuilds it from its snapshots
 * and chunks ({@link TimeMachine}); an edge from PostgreSQL's. Thread-safe; calls may block.
 */
public interface PastReads {

    /** How many snapshots of the past are kept now. */
    int snapshotsKept();

    /** The canvas after every write stamped at most {@code time} (an HLC value). */
    PastCanvas at(long time);

    /**
     * The writes stamped after {@code after} and at most {@code through}, in replay order: by stamp, then by dot,
     * so the last one applied at a pixel is the one last-write-wins keeps.
     */
    List<PixelWrite> between(long after, long through);
}
