package org.distriplace.inspector.feed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test (it asserts nothing about time): how many events per second one node can stream to a
 * remote inspector over loopback before the inspector's queue on the node overflows. A producer emits message
 * events into the node's tap at a fixed rate for 5 s per rate; the inspector's side decodes them into its inbox and
 * a model, as the inspector would. Skipped unless asked for; see docs/benchmarks.md for the command.
 */
@EnabledIfSystemProperty(named = "bench.inspector", matches = "true")
class RemoteStreamBenchmark {

    private static final long SECONDS = 5;

    @Test
    void eventsPerSecondOneNodeStreamsToARemoteInspector() throws Exception {
        EventTap tap = new EventTap(EventSink.NONE);
        Node node = new Node(NodeConfig.builder(1, List.of(1)).build(), new InProcessNetwork().transportFor(1),
            new MemoryEventStore(), EventSink.NONE);
        try (ApiServer server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults(),
            new ApiServer.Inspection(tap, new ClusterSecret("bench"), PeerEngine.of(node)), null)) {
            node.start().join();
            server.start();
            System.out.println("| events/s offered | arrived/s | lost on the node | decoded backlog |");
            for (int rate : new int[] {10_000, 40_000, 80_000, 160_000, 320_000}) {
                measure(tap, server.port(), rate);
            }
        } finally {
            node.close();
        }
    }

    private static void measure(EventTap tap, int port, int rate) throws Exception {
        EventInbox inbox = new EventInbox(4_000_000);
        InspectorModel model = new InspectorModel();
        RemoteNodes remote = new RemoteNodes(inbox, "bench");
        RemoteNode watched = remote.watch("127.0.0.1:" + port, "bench");
        Await.until("the stream", Duration.ofSeconds(10), () -> watched.status().state() == RemoteNode.State.WATCHING);
        long start = System.nanoTime();
        long emitted = 0;
        long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = rate * (now - start) / 1_000_000_000L;
            for (; emitted < due; emitted++) {
                tap.emit(new NodeEvent.MessageSent(emitted, 1, 2 + (int) (emitted % 4), MessageKind.HEARTBEAT,
                    "epoch 3, configuration 0"));
            }
            inbox.drainTo(model, 50_000);
        }
        long arrived = inbox.received();
        System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d |%n", rate, arrived / SECONDS,
            watched.status().lostEvents(), inbox.backlog());
        remote.close();
    }
}
