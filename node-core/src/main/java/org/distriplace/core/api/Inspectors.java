package org.distriplace.core.api;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.wire.EventCodec;

/**
 * The remote inspectors this node streams to, once each proved the cluster secret. The server's tick sends each
 * its queued events; reports go to all of them four times a second. An inspector that cannot keep up loses events
 * (counted in its frames), never the node's time. Thread-safe.
 */
final class Inspectors {

    /** Events queued per inspector before it loses some: several seconds of a busy five-node cluster. */
    static final int QUEUE_CAPACITY = 50_000;
    /** Events per frame, so one frame stays far below any client's frame limit. */
    static final int EVENTS_PER_FRAME = 500;
    /** At most this many inspectors at once: each one costs the node an event per message. */
    static final int MAX_INSPECTORS = 16;

    private final EventTap events;
    private final ClusterSecret secret;
    private final EventCodec codec = new EventCodec();
    private final Map<InspectFeed, EventTap.Subscription> feeds = new ConcurrentHashMap<>();

    Inspectors(EventTap events, ClusterSecret secret) {
        this.events = events;
        this.secret = secret;
    }

    ClusterSecret secret() {
        return secret;
    }

    /** Starts streaming to an authenticated channel until it closes; false if there are too many already. */
    boolean add(Channel channel) {
        if (feeds.size() >= MAX_INSPECTORS) {
            return false;
        }
        InspectFeed feed = new InspectFeed(channel, QUEUE_CAPACITY);
        feeds.put(feed, events.subscribe(feed));
        channel.closeFuture().addListener(closed -> {
            EventTap.Subscription subscription = feeds.remove(feed);
            if (subscription != null) {
                subscription.close();
            }
        });
        return true;
    }

    boolean isEmpty() {
        return feeds.isEmpty();
    }

    int size() {
        return feeds.size();
    }

    /** Sends each inspector what is queued for it, as far as its socket takes it without buffering. */
    void flush() {
        for (InspectFeed feed : feeds.keySet()) {
            Channel channel = feed.channel();
            String frame;
            while (channel.isWritable() && (frame = feed.nextFrame(codec, EVENTS_PER_FRAME)) != null) {
                channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
            }
            channel.flush();
        }
    }

    /** Sends the report to every inspector whose socket takes it; a stalled one simply gets the next. */
    void report(NodeReport report) {
        String frame = "{\"type\":\"" + InspectProtocol.REPORT + "\",\"report\":" + codec.encodeReport(report) + "}";
        for (InspectFeed feed : feeds.keySet()) {
            Channel channel = feed.channel();
            if (channel.isWritable()) {
                channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
            }
        }
    }
}
