package org.distriplace.core.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.CommitFeed;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.read.ReadView;

/**
 * What a running node has published for readers on other threads: its latest {@link ReadView}, and the pixel
 * listeners it tells of each committed write. The node's thread publishes; any thread reads and subscribes. A
 * listener added before a reader takes the view misses nothing: views are published before their pixels are told.
 * Thread-safe.
 */
final class ReadSide implements CommitFeed {

    private final List<PixelListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ReadView view;

    ReadView view() {
        return view;
    }

    void add(PixelListener listener) {
        listeners.add(listener);
    }

    void remove(PixelListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void publish(ReadView next) {
        view = next;
    }

    @Override
    public void committed(PixelWrite write, boolean changed) {
        for (PixelListener listener : listeners) {
            listener.committed(write, changed);
        }
    }

    @Override
    public void reloaded() {
        for (PixelListener listener : listeners) {
            listener.reloaded();
        }
    }
}
