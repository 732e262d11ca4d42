package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Join a cluster": a running app leaves its own canvas and becomes a member of another cluster, live. */
class NodeSessionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Color ORANGE = Color.of("#FF4500");

    @TempDir
    Path dir;

    /** A lone node of its own cluster, as a freshly started app is. */
    private EmbeddedNode.Settings alone(String name, String secret, int width) {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(width, width).cooldownMs(0)
            .heartbeatMs(200).suspectAfterMs(800).failureTimeoutMs(1_200).joinGraceMs(200).build();
        return new EmbeddedNode.Settings(config, "127.0.0.1", 0, 0, List.of(), secret, dir.resolve(name), false);
    }

    private static NodeReport report(EmbeddedNode node) throws Exception {
        return node.node().report().get(5, TimeUnit.SECONDS);
    }

    private static boolean admitted(EmbeddedNode host, EmbeddedNode joined) {
        try {
            NodeReport theirs = report(host);
            NodeReport mine = report(joined);
            return mine.member() && theirs.membership().contains(joined.node().id()) && mine.ready();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aLoneNodeJoinsAnotherClusterThroughItsAddressAndTheirPixelsMeet() throws Exception {
        try (EmbeddedNode host = EmbeddedNode.start(alone("host", "s3cret", 40), EventSink.NONE);
             NodeSession session = new NodeSession(EmbeddedNode.start(alone("mine", "s3cret", 10), EventSink.NONE),
                 dir, EventSink.NONE)) {
            host.node().place("host-player", 3, 4, ORANGE).get(10, TimeUnit.SECONDS);
            EmbeddedNode before = session.current();
            Path myOldData = before.dataDir();
            AtomicReference<EmbeddedNode> announced = new AtomicReference<>();
            session.onReplaced(announced::set);

            EmbeddedNode joined = session.join("http://127.0.0.1:" + host.httpPort() + "/");

            assertSame(joined, session.current());
            assertSame(joined, announced.get(), "the window is told to show the new node");
            assertTrue(before.node().isClosed(), "the old node stopped");
            assertTrue(Files.exists(myOldData), "its canvas stays on disk");
            assertTrue(joined.node().id() > 1, "an id above every member's: " + joined.node().id());
            assertEquals(40, joined.node().config().width(), "the cluster's canvas, not the old one");
            Await.until("the joiner admitted by both", DEADLINE, () -> admitted(host, joined));
            assertEquals(ORANGE, joined.node().view().canvas().colorAt(3, 4),
                "the joiner caught up with what was painted before it came");

            // Bully: the newcomer has the highest id, so it takes the lead; writes placed during the hand-over may be
            // refused, as during any election.
            Await.until("the joiner leading", DEADLINE, () -> {
                try {
                    return report(joined).leaderActive() && report(host).leaderId() == joined.node().id();
                } catch (Exception e) {
                    return false;
                }
            });
            joined.node().place("joiner-player", 7, 8, ORANGE).get(10, TimeUnit.SECONDS);
            Await.until("the joiner's pixel at the host", DEADLINE,
                () -> ORANGE.equals(host.node().view().canvas().colorAt(7, 8)));
            assertEquals(List.of(1, joined.node().id()), report(host).membership().members());
        }
    }

    @Test
    void badAddressesAndOnesOwnClusterAreRefusedAndTheNodeKeepsRunning() throws Exception {
        try (NodeSession session = new NodeSession(EmbeddedNode.start(alone("mine", "s3cret", 10), EventSink.NONE),
            dir, EventSink.NONE)) {
            EmbeddedNode mine = session.current();
            IOException malformed = assertThrows(IOException.class, () -> session.join("not an address"));
            assertTrue(malformed.getMessage().contains("host:port"), malformed.getMessage());
            int nobody = TestCluster.freePort();
            IOException silent = assertThrows(IOException.class, () -> session.join("127.0.0.1:" + nobody));
            assertTrue(silent.getMessage().contains("no distri-place node answered"), silent.getMessage());
            IOException itself = assertThrows(IOException.class,
                () -> session.join("127.0.0.1:" + mine.httpPort()));
            assertTrue(itself.getMessage().contains("own cluster"), itself.getMessage());
            assertSame(mine, session.current());
            assertFalse(mine.node().isClosed());
            mine.node().place("me", 1, 1, ORANGE).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJoinerWithTheWrongSecretIsNeverAdmitted() throws Exception {
        try (EmbeddedNode host = EmbeddedNode.start(alone("host", "right", 20), EventSink.NONE);
             NodeSession session = new NodeSession(EmbeddedNode.start(alone("mine", "wrong", 20), EventSink.NONE),
                 dir, EventSink.NONE)) {
            EmbeddedNode joined = session.join("127.0.0.1:" + host.httpPort());
            Await.until("the host refusing its connections", DEADLINE,
                () -> host.transportStats().refusedConnections() > 0);
            assertFalse(report(joined).member());
            assertEquals(List.of(1), report(host).membership().members());
            assertNotEquals(null, joined.node().place("me", 1, 1, ORANGE).handle((ok, error) -> error)
                .get(5, TimeUnit.SECONDS), "it cannot paint before it is admitted");
        }
    }

    /** Quitting the app (its window, its menu, or SIGTERM: all close the session) leaves the cluster first. */
    @Test
    void quittingTheAppLeavesTheClusterSoTheOneWhoStaysPaintsOn() throws Exception {
        try (EmbeddedNode host = EmbeddedNode.start(alone("stays", "s3cret", 20), EventSink.NONE)) {
            NodeSession session = new NodeSession(EmbeddedNode.start(alone("quits", "s3cret", 20), EventSink.NONE),
                dir, EventSink.NONE);
            EmbeddedNode joined = session.join("127.0.0.1:" + host.httpPort());
            int quitter = joined.node().id();
            Await.until("the joiner admitted", DEADLINE, () -> admitted(host, joined));

            session.close();

            assertTrue(joined.node().isClosed(), "the app's node stopped");
            assertEquals(List.of(1), report(host).membership().members(), "it left before it stopped: no "
                + "dead member " + quitter + " is left behind to count toward the majority");
            Await.until("the one who stays leads alone", DEADLINE, () -> host.node().report().join().leaderActive());
            assertEquals(ORANGE, host.node().place("stays", 1, 1, ORANGE).get(10, TimeUnit.SECONDS).write().color());
        }
    }

    /** Two players join at the same moment and draw the same id: the leader admits one; the other picks again. */
    @Test
    void playersWhoDrawTheSameIdAtTheSameMomentBothEndUpAdmittedUnderDifferentIds() throws Exception {
        try (EmbeddedNode host = EmbeddedNode.start(alone("host", "s3cret", 20), EventSink.NONE);
             NodeSession first = new NodeSession(EmbeddedNode.start(alone("first", "s3cret", 20), EventSink.NONE),
                 dir, EventSink.NONE, new java.util.Random(5));
             NodeSession second = new NodeSession(EmbeddedNode.start(alone("second", "s3cret", 20), EventSink.NONE),
                 dir, EventSink.NONE, new java.util.Random(5))) {
            String contact = "127.0.0.1:" + host.httpPort();
            java.util.concurrent.CompletableFuture<EmbeddedNode> one = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> joinQuietly(first, contact));
            EmbeddedNode two = second.join(contact);
            assertEquals(one.get(30, TimeUnit.SECONDS).node().id(), two.node().id(), "the same id drawn");

            Await.until("both admitted", Duration.ofSeconds(60), () -> admitted(host, first.current())
                && admitted(host, second.current()));
            assertNotEquals(first.current().node().id(), second.current().node().id());
            assertEquals(3, report(host).membership().size());
        }
    }

    private static EmbeddedNode joinQuietly(NodeSession session, String contact) {
        try {
            return session.join(contact);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
