package org.distriplace.core.api;

import java.time.Duration;
import java.util.List;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;

/** A one-node cluster in memory for the API's tests over loopback: started, leading and ready. */
final class LoneNode {

    private LoneNode() {
    }

    /** Node 1, alone, on a canvas of the given size with the given cooldown, batching every 10 ms. */
    static Node started(int width, int height, long cooldownMs) throws InterruptedException {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(width, height).cooldownMs(cooldownMs)
            .batchMs(10).build();
        Node node = new Node(config, new InProcessNetwork().transportFor(1), new MemoryEventStore(), EventSink.NONE);
        node.start().join();
        Await.until("the lone node to lead and be ready", Duration.ofSeconds(10),
            () -> node.report().join().leaderActive() && node.report().join().ready());
        return node;
    }
}
