package org.distriplace.core.node;

import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.ReadView;

/**
 * Where a node publishes what it committed, for readers: each new {@link ReadView}, then the committed pixels it
 * adds. Called on the node's thread, in commit order, once what it shows is durable; must not block. A reader that
 * subscribes to pixels and then reads the latest view misses nothing: the view is always published before the
 * pixels it holds are told.
 */
public interface CommitFeed extends PixelListener {

    /** Nothing to tell anyone: the simulator's nodes that no one reads. */
    CommitFeed NONE = new CommitFeed() {
        @Override
        public void publish(ReadView view) {
        }

        @Override
        public void committed(PixelWrite write, boolean changed) {
        }
    };

    /** The node's committed state is now {@code view}. */
    void publish(ReadView view);
}
