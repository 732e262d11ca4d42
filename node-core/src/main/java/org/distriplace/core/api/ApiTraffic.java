package org.distriplace.core.api;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What the node's WebSocket clients cost it: how many are connected, the frames and bytes sent to them, and how many
 * were cut off for not keeping up.
 */
public final class ApiTraffic {

    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final IntSupplier clients;

    ApiTraffic(IntSupplier clients) {
        this.clients = clients;
    }

    /** A frame of {@code size} bytes went to one client. */
    void sent(int size) {
        frames.increment();
        bytes.add(size);
    }

    /** {@code count} clients each got the same frame of {@code size} bytes. */
    void sentToEach(int count, int size) {
        frames.add(count);
        bytes.add((long) count * size);
    }

    /** A client was disconnected for falling too far behind. */
    void disconnectedSlow() {
        slow.increment();
    }

    public int clients() {
        return clients.getAsInt();
    }

    public long framesSent() {
        return frames.sum();
    }

    public long bytesSent() {
        return bytes.sum();
    }

    /** Clients disconnected because they fell more than their backlog behind, or their canvas stalled. */
    public long slowDisconnects() {
        return slow.sum();
    }
}
