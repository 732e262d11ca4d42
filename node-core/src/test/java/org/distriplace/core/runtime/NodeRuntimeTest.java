package org.distriplace.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three real-time nodes, each on its own thread, connected in-process, with fast timings. */
class NodeRuntimeTest {

    private static final Color ORANGE = Color.of("#FF4500");
    private final InProcessNetwork network = new InProcessNetwork();
    private final List<Node> nodes = new ArrayList<>();
    private final List<AutoCloseable> storesToClose = new ArrayList<>();

    private Node start(int id) {
        return start(id, new MemoryEventStore());
    }

    private Node start(int id, EventStore store) {
        NodeConfig config = NodeConfig.builder(id, List.of(1, 2, 3)).canvas(32, 32).cooldownMs(0)
            .heartbeatMs(50).suspectAfterMs(150).failureTimeoutMs(300).answerTimeoutMs(100)
            .coordinatorTimeoutMs(300).joinGraceMs(100).batchMs(10).voteTimeoutMs(300).resendMs(50)
            .gossipMs(200).placeTimeoutMs(2_000).snapshotEveryWrites(7).build();
        Node node = new Node(config, network.transportFor(id), store, EventSink.NONE);
        network.attach(node);
        node.start().join();
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stopAll() throws Exception {
        nodes.forEach(Node::close);
        for (AutoCloseable store : storesToClose) {
            store.close();
        }
    }

    private static boolean leads(Node node) {
        var report = node.report().join();
        return report.role() == Role.LEADER && report.leaderActive();
    }

    /** A node answers NOT_READY until its join finishes, even once a leader is up. */
    private void awaitLeaderAndEveryoneReady(Node leader) throws InterruptedException {
        Await.until("node " + leader.config().nodeId() + " to lead and every node to be ready",
            Duration.ofSeconds(10),
            () -> leads(leader) && nodes.stream().allMatch(n -> n.report().join().ready()));
    }

    @Test
    void threeThreadedNodesElectTheHighestAndCommitFromAnyNode() throws Exception {
        Node one = start(1);
        start(2);
        Node three = start(3);
        awaitLeaderAndEveryoneReady(three);
        PlaceResult result = one.place("alice", 4, 5, ORANGE).get(5, TimeUnit.SECONDS);
        assertEquals(3, result.write().nodeId());
        Await.until("every replica to hold the pixel", Duration.ofSeconds(5),
            () -> nodes.stream().allMatch(n -> n.view().canvas().toBytes()[5 * 32 + 4] == 2));
        assertArrayEquals(one.view().canvas().toBytes(), three.view().canvas().toBytes());
    }

    /** A teacher freezes the leader: it does no work, its peers elect another, and it takes up its work after. */
    @Test
    void aPausedLeaderIsReplacedAndDoesItsHeldWorkWhenItResumes() throws Exception {
        start(1);
        Node two = start(2);
        Node three = start(3);
        awaitLeaderAndEveryoneReady(three);
        three.pause();
        assertTrue(three.isPaused());
        var placed = three.place("alice", 1, 1, ORANGE);
        Await.until("the placement to wait, held, with the node's timers", Duration.ofSeconds(5),
            () -> three.heldWork() > 0);
        Await.until("node 2 to lead while node 3 is frozen", Duration.ofSeconds(15), () -> leads(two));
        three.resume();
        Await.until("node 3 running again", Duration.ofSeconds(5), () -> !three.isPaused());
        Await.until("node 3 to take up its held work: the placement answered", Duration.ofSeconds(15),
            placed::isDone);
        assertEquals(0, three.heldWork());
    }

    @Test
    void aLeaderCutOffByInjectedFaultsIsReplacedAndRejoinsWhenTheLinksHeal() throws Exception {
        Node one = start(1);
        Node two = start(2);
        Node three = start(3);
        awaitLeaderAndEveryoneReady(three);
        three.faults().cutOff(Set.of(1, 2));
        Await.until("node 2 to lead the majority side", Duration.ofSeconds(10), () -> leads(two));
        one.place("alice", 1, 1, ORANGE).get(5, TimeUnit.SECONDS);
        assertNotEquals(2, three.view().canvas().toBytes()[32 + 1], "the cut-off node heard nothing of it");
        three.faults().clear();
        Await.until("the healed node to catch up with the write", Duration.ofSeconds(10),
            () -> three.view().canvas().toBytes()[32 + 1] == 2);
        Await.until("one leader again, agreed by all", Duration.ofSeconds(10), () -> nodes.stream()
            .map(n -> n.report().join().leaderId()).distinct().count() == 1);
    }

    @Test
    void aLinkLosingEverythingCarriesNothingUntilTheFaultIsLifted() throws Exception {
        List<Integer> sentTo = new CopyOnWriteArrayList<>();
        AtomicInteger attempted = new AtomicInteger();
        EventSink countSends = event -> {
            if (event instanceof NodeEvent.MessageSent sent && sent.to() == 2) {
                attempted.incrementAndGet();
            }
        };
        NodeConfig config = NodeConfig.builder(1, List.of(1, 2)).answerTimeoutMs(20).coordinatorTimeoutMs(40)
            .build();
        Node lone = new Node(config, (to, message) -> sentTo.add(to), new MemoryEventStore(), countSends);
        nodes.add(lone);
        lone.faults().setOutbound(2, LinkConditions.lossAndDelay(100, 0));
        lone.start().join();
        Await.until("node 1 to try node 2 three times", Duration.ofSeconds(10), () -> attempted.get() >= 3);
        assertTrue(sentTo.isEmpty(), "nothing crossed a link losing 100 %: " + sentTo);
        lone.faults().setOutbound(2, LinkConditions.lossAndDelay(0, 30));
        Await.until("messages to cross again, held back 30 ms", Duration.ofSeconds(10), () -> !sentTo.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> LinkConditions.lossAndDelay(101, 0));
        assertThrows(IllegalArgumentException.class, () -> LinkConditions.lossAndDelay(0, -1));
    }

    @Test
    void placesFromManyThreadsAtOnceAllCommit() throws Exception {
        start(1);
        Node two = start(2);
        Node three = start(3);
        awaitLeaderAndEveryoneReady(three);
        List<CompletableFuture<PlaceResult>> all = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread client = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    synchronized (all) {
                        all.add(two.place("user-" + thread + "-" + i, i % 32, thread, ORANGE));
                    }
                }
            });
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        for (var future : all) {
            future.get(10, TimeUnit.SECONDS);
        }
        assertEquals(200, two.report().join().committedWrites());
    }

    @Test
    void aLoneNodeOfThreeRefusesWritesButServesReads() throws Exception {
        Node one = start(1);
        Await.until("node 1 to finish joining", Duration.ofSeconds(5), () -> one.report().join().ready());
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> one.place("alice", 1, 1, ORANGE).get(10, TimeUnit.SECONDS));
        assertEquals(PlaceError.NO_QUORUM, assertInstanceOf(PlaceException.class, failure.getCause()).code());
        assertEquals(32 * 32, one.view().canvas().toBytes().length);
    }

    @Test
    void messagesFromStrangersOrForgedSendersChangeNothing() throws Exception {
        start(1);
        start(2);
        Node three = start(3);
        awaitLeaderAndEveryoneReady(three);
        var forged = new PeerMessage.Prepare(99, three.report().join().epoch(), 3,
            List.of(new PixelWrite(0, 0, ORANGE, "mallory", 9, 1, 1, 3,
                VectorClock.EMPTY.with(3, 1))), null);
        network.inject(9, 1, forged);
        network.inject(2, 1, forged);
        network.inject(9, 1, new PeerMessage.Coordinator(9, 1_000));
        network.inject(2, 1, new PeerMessage.Coordinator(3, 1_000));
        PlaceResult witness = nodes.get(0).place("alice", 1, 1, ORANGE).get(5, TimeUnit.SECONDS);
        var report = nodes.get(0).report().join();
        assertEquals(3, report.leaderId(), "no stranger took over");
        assertTrue(report.epoch() < 1_000, "no forged epoch was accepted");
        assertEquals(1, report.committedWrites(), "only the real write: " + witness.write());
        int background = nodes.get(0).config().palette().backgroundIndex();
        assertEquals(background, nodes.get(0).view().canvas().toBytes()[0], "pixel (0,0) untouched");
    }

    @Test
    void aClusterOnSqliteComesBackWithEverythingItCommitted(@org.junit.jupiter.api.io.TempDir Path dir)
        throws Exception {
        List<SqliteEventStore> stores = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            stores.add(SqliteEventStore.open(dir.resolve("n" + id),
                NodeConfig.builder(id, List.of(1, 2, 3)).canvas(32, 32).build()));
            start(id, stores.get(id - 1));
        }
        awaitLeaderAndEveryoneReady(nodes.get(2));
        for (int i = 0; i < 20; i++) {
            nodes.get(i % 3).place("user-" + i, i, i, ORANGE).get(5, TimeUnit.SECONDS);
        }
        // The published view, not the report: the two are published one after the other, and the canvas compared
        // below must be the one holding all 20 writes.
        Await.until("every replica to hold 20 writes", Duration.ofSeconds(5),
            () -> nodes.stream().allMatch(n -> n.view().committedWrites() == 20));
        byte[] before = nodes.get(0).view().canvas().toBytes();
        nodes.forEach(Node::close);
        nodes.clear();
        for (var store : stores) {
            var stored = store.load();
            assertTrue(stored.group(0).snapshot() != null, "a snapshot every 7 writes");
            assertTrue(stored.committedSinceSnapshot().size() < 7, "only writes since it are replayed");
            store.close();
        }
        for (int id = 1; id <= 3; id++) {
            var store = SqliteEventStore.open(dir.resolve("n" + id),
                NodeConfig.builder(id, List.of(1, 2, 3)).canvas(32, 32).build());
            storesToClose.add(store);
            Node node = start(id, store);
            assertEquals(20, node.report().join().committedWrites(), "node " + id + " restored from disk");
            assertArrayEquals(before, node.view().canvas().toBytes());
        }
        awaitLeaderAndEveryoneReady(nodes.get(2));
        nodes.get(0).place("late", 31, 31, ORANGE).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClosedNodeRefusesPlacementsWithNotReady() throws Exception {
        Node one = start(1);
        one.close();
        assertTrue(one.isClosed());
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> one.place("alice", 1, 1, ORANGE).get(1, TimeUnit.SECONDS));
        assertEquals(PlaceError.NOT_READY, assertInstanceOf(PlaceException.class, failure.getCause()).code());
    }
}
