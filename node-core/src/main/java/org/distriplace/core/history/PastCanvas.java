package org.distriplace.core.history;

/**
 * The canvas as it was: one palette index per pixel, row-major, after every write stamped at most {@code time}.
 *
 * @param time        the moment asked for (an HLC value: every write stamped at or before it counts)
 * @param commitPoint the stamp of the newest write it holds (0 when none): the exact point it shows
 * @param placements  the writes it holds
 * @param indexes     width × height palette indexes, row-major; a copy, the caller's to keep
 */
public record PastCanvas(int width, int height, long time, long commitPoint, long placements, byte[] indexes) {
}
