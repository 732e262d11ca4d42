package org.distriplace.core.api;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.wire.EventCodec;

/**
 * One authenticated remote inspector's share of the node's events: a bounded queue the node's thread only offers
 * to (never blocking, dropping and counting when the inspector falls a whole queue behind), drained into frames on
 * the server's thread, where the encoding happens.
 */
final class InspectFeed implements EventSink {

    private final Channel channel;
    private final ArrayBlockingQueue<NodeEvent> queue;
    private final AtomicLong dropped = new AtomicLong();

    InspectFeed(Channel channel, int capacity) {
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void emit(NodeEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** One {@code events} frame of up to {@code max} queued events, or null when none are queued. */
    String nextFrame(EventCodec codec, int max) {
        List<NodeEvent> batch = new ArrayList<>(Math.min(max, queue.size()));
        queue.drainTo(batch, max);
        if (batch.isEmpty()) {
            return null;
        }
        StringJoiner events = new StringJoiner(",", "{\"type\":\"" + InspectProtocol.EVENTS + "\",\"dropped\":"
            + dropped.get() + ",\"events\":[", "]}");
        batch.forEach(event -> events.add(codec.encode(event)));
        return events.toString();
    }
}
