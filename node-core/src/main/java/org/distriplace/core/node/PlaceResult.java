package org.distriplace.core.node;

import org.distriplace.core.model.PixelWrite;

/**
 * A committed placement.
 *
 * @param write           the write as committed (its stamp, dot and vector clock)
 * @param nextPlacementAt when the user may place again (milliseconds of physical time)
 */
public record PlaceResult(PixelWrite write, long nextPlacementAt) {
}
