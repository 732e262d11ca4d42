package org.distriplace.core.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.ReadView;

/**
 * What a node has published for its readers: its latest {@link ReadView}, and the pixel listeners it tells of each
 * committed write. The node's thread publishes; any thread reads and subscribes (the threaded runtime's readers are
 * I/O threads, the simulator's are its own). A listener added before a reader takes the view misses nothing: views
 * are published before their pixels are told. Thread-safe.
 */
public final class ReadSide implements CommitFeed {

    private final List<PixelListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ReadView view;

    /** The latest view published; a blank canvas until the node restores its own. */
    public ReadView view() {
        return view;
    }

    public void add(PixelListener listener) {
        listeners.add(listener);
    }

    public void remove(PixelListener listener) {
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
