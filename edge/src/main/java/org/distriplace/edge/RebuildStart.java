package org.distriplace.edge;

import java.util.Map;

/**
 * Where a rebuild of the canvas starts: a canvas (palette indexes, row-major) holding every placement stamped at
 * most {@code since} (an HLC value; 0 for a blank canvas), and the log offsets (per partition) from which every
 * placement stamped after it is found.
 */
public record RebuildStart(byte[] canvas, long since, Map<Integer, Long> offsets) {

    public RebuildStart {
        offsets = Map.copyOf(offsets);
    }
}
