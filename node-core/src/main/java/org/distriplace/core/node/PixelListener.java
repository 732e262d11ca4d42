package org.distriplace.core.node;

import org.distriplace.core.model.PixelWrite;

/**
 * Told of every write committed on this replica, in commit order, on the node's thread; must not block.
 * {@code changed} is false when a newer write already held the pixel (last write wins).
 */
@FunctionalInterface
public interface PixelListener {

    void committed(PixelWrite write, boolean changed);

    /** Many pixels changed at once (full state arrived from a peer): re-read the whole canvas. */
    default void reloaded() {
    }
}
