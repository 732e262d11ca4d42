package org.distriplace.inspector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.inspector.Script;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.junit.jupiter.api.Test;

/**
 * The matrix clock read from hand-built events: three nodes, n3 leading and ordering every write, players placing
 * through n1 and n2.
 */
class CausalKnowledgeTest {

    private final InspectorModel model = new InspectorModel();

    /** The leader n3's {@code counter}-th write, placed through {@code origin} as its request {@code request}. */
    private static PixelWrite write(int counter, int origin, long request, int x, String color) {
        return new PixelWrite(x, 1, Color.of(color), "player" + origin, origin, request, 1_000 + counter, 3,
            VectorClock.of(Map.of(3, (long) counter)));
    }

    private void commit(long at, int node, long batch, PixelWrite... writes) {
        model.accept(new NodeEvent.Committed(at, node, 1, batch, 3, List.of(writes)));
    }

    private void report(int node, long at, long leaderCounter) {
        model.accept(Script.report(node, at, node == 3 ? Role.LEADER : Role.FOLLOWER, 3, 1,
            leaderCounter == 0 ? Map.of() : Map.of(3, leaderCounter), Map.of()));
    }

    private void forward(long at, int origin, PixelWrite write) {
        model.accept(new NodeEvent.MessageSent(at, origin, 3, MessageKind.PIXEL_UPDATE, "(" + write.x() + ",1)="
            + write.color() + " by " + write.user() + " req " + write.requestId()));
    }

    private CausalKnowledge.Row row(int node) {
        return model.knowledge().rows().stream().filter(r -> r.node() == node).findFirst().orElseThrow();
    }

    private static VectorClock clock(long n1, long n2) {
        return VectorClock.of(Map.of(1, n1, 2, n2));
    }

    private void start() {
        for (int node = 1; node <= 3; node++) {
            model.accept(new NodeEvent.Lifecycle(0, node, NodeEvent.Lifecycle.Stage.RESTORED,
                "0 committed writes, epoch 0"));
            report(node, 0, 0);
        }
    }

    @Test
    void eachRowCountsTheWritesItHoldsPerOriginAndALaggingNodeShowsWhatItMissed() {
        start();
        PixelWrite a = write(1, 1, 11, 1, "#FF4500");
        PixelWrite b = write(2, 2, 21, 2, "#2450A4");
        PixelWrite c = write(3, 1, 12, 3, "#FFFFFF");
        commit(100, 3, 1, a, b);
        commit(110, 1, 1, a, b);
        commit(120, 2, 1, a, b);
        commit(200, 3, 2, c);
        commit(210, 1, 2, c);
        // n2 missed batch 2's COMMIT: it lags.

        assertEquals(List.of(1, 2, 3), model.knowledge().entries(), "an entry per node, origins or not");
        assertEquals(clock(2, 1), row(3).seen());
        assertEquals(clock(2, 1), row(1).seen());
        assertEquals(clock(1, 1), row(2).seen(), "n2 has not seen n1's second write");
        assertTrue(model.knowledge().changedRecently(1, 1, 300, 150));
        assertFalse(model.knowledge().changedRecently(1, 2, 300, 150), "n2's entry last rose at 110");

        // A repeat of a batch changes nothing; a batch that skips a dot is a gap, as on the replica.
        commit(220, 1, 2, c);
        assertEquals(clock(2, 1), row(1).seen());
        commit(300, 2, 3, write(4, 2, 22, 4, "#000000"));
        assertEquals(clock(1, 1), row(2).seen(), "a gap is not taken");
    }

    @Test
    void writesTakenBySyncComeFromTheReportAndAreSaidToBe() {
        start();
        PixelWrite a = write(1, 1, 11, 1, "#FF4500");
        PixelWrite b = write(2, 2, 21, 2, "#2450A4");
        commit(100, 3, 1, a);
        commit(200, 3, 2, b);
        commit(110, 1, 1, a);
        model.accept(new NodeEvent.SyncStep(400, 2, 3, NodeEvent.SyncStep.Kind.FULL_STATE_APPLIED, 2, 1));
        report(2, 410, 2);
        CausalKnowledge.Row n2 = row(2);
        assertEquals(clock(1, 1), n2.seen(), "its version names the dots; the inspector knows their origins");
        assertEquals(2, n2.bySync());
        assertEquals(0, n2.unknownOrigin());
        // Its commits of the same writes, arriving late, are repeats.
        commit(420, 2, 2, a, b);
        assertEquals(clock(1, 1), row(2).seen());
        assertEquals(2, row(2).total());
    }

    @Test
    void aStoppedNodeLosesItsRowAndARestartCountsWhatItsDiskKept() {
        start();
        PixelWrite a = write(1, 1, 11, 1, "#FF4500");
        PixelWrite b = write(2, 2, 21, 2, "#2450A4");
        PixelWrite c = write(3, 2, 22, 3, "#FFFFFF");
        commit(100, 3, 1, a, b);
        commit(110, 1, 1, a, b);
        model.accept(new NodeEvent.Lifecycle(500, 1, NodeEvent.Lifecycle.Stage.STOPPED, "crashed"));
        report(1, 450, 2);
        assertEquals(List.of(2, 3), model.knowledge().rows().stream().map(CausalKnowledge.Row::node).toList(),
            "no row for a stopped node, even from a report it wrote before stopping");

        commit(600, 3, 2, c);
        model.accept(new NodeEvent.Lifecycle(900, 1, NodeEvent.Lifecycle.Stage.RESTORED,
            "2 committed writes, epoch 1"));
        model.accept(new NodeEvent.SyncStep(950, 1, 3, NodeEvent.SyncStep.Kind.DELTA_APPLIED, 1, 0));
        report(1, 960, 3);
        CausalKnowledge.Row n1 = row(1);
        assertEquals(clock(1, 2), n1.seen());
        assertEquals(2, n1.fromDisk());
        assertEquals(1, n1.bySync());
    }

    @Test
    void writesHeldBeforeTheInspectorWatchedHaveNoOriginUntilItSeesThemCommitted() {
        report(2, 1_000, 2);
        assertEquals(2, row(2).unknownOrigin(), "nothing invented: their origins are unknown");
        assertEquals(2, row(2).beforeWatching());
        assertEquals(VectorClock.EMPTY, row(2).seen());
        commit(1_100, 1, 1, write(1, 1, 11, 1, "#FF4500"));
        assertEquals(1, row(2).unknownOrigin());
        assertEquals(VectorClock.of(Map.of(1, 1L)), row(2).seen(), "learned where it was placed, from n1's commit");
    }

    @Test
    void twoWritesAtOnePixelPlacedThroughDifferentNodesAtOnceAreConcurrent() {
        start();
        PixelWrite first = write(1, 1, 11, 5, "#FFFFFF");
        commit(100, 3, 1, first);
        commit(110, 1, 1, first);
        commit(120, 2, 1, first);
        // Two players, the same pixel, at once: neither origin has seen the other's write.
        PixelWrite red = write(2, 1, 12, 7, "#FF4500");
        PixelWrite blue = write(3, 2, 21, 7, "#2450A4");
        forward(200, 1, red);
        forward(201, 2, blue);
        for (int node = 3; node >= 1; node--) {
            commit(300 + node, node, 2, red, blue);
        }
        // Later n2 paints it again, having seen both.
        PixelWrite green = write(4, 2, 22, 7, "#00A368");
        forward(400, 2, green);
        commit(500, 3, 3, green);

        WriteClocks.Stamped r = stamped(red);
        WriteClocks.Stamped b = stamped(blue);
        WriteClocks.Stamped g = stamped(green);
        assertEquals(clock(2, 0), r.clock().orElseThrow(), "n1 had seen its first write; this is its second");
        assertEquals(clock(1, 1), b.clock().orElseThrow(), "n2 had seen n1's first write; this is n2's first");
        assertTrue(r.clock().get().isConcurrentWith(b.clock().get()), "the vectors are incomparable");
        assertEquals(WriteClocks.Relation.CONCURRENT, b.relation());
        assertEquals(red, b.earlier().orElseThrow());
        assertTrue(blue.stamp().isAfter(red.stamp()), "the leader's order decides: the later dot wins everywhere");
        assertEquals(clock(2, 2), g.clock().orElseThrow());
        assertEquals(WriteClocks.Relation.AFTER, g.relation(), "n2 had seen the blue write when it sent the green");
        assertEquals(WriteClocks.Relation.UNKNOWN, stamped(first).relation(), "no forward seen: no clock guessed");
        assertTrue(stamped(first).clock().isEmpty());
        assertEquals(List.of(green, blue, red, first), model.writeClocks().recent().stream()
            .map(WriteClocks.Stamped::write).toList(), "newest first");
    }

    /**
     * On the simulated demo: a node killed after some commits and restarted behind. Its row goes while it is down
     * and comes back saying which writes its disk gave back and which it caught up by sync, adding up to its version.
     */
    @Test
    void aNodeRestartedBehindSaysWhereItsWritesCameFrom() {
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 21), inbox);
        cluster.setSpeed(1);
        Runnable second = () -> {
            for (int frame = 0; frame < 20; frame++) {
                cluster.advance(50);
                inbox.drainTo(model, 1_000_000);
            }
        };
        for (int s = 0; s < 10 || model.knowledge().rows().stream().anyMatch(row -> row.total() < 3); s++) {
            assertTrue(s < 60, "the simulated players' writes commit");
            second.run();
        }
        cluster.kill(1);
        for (int x = 0; x < 4; x++) {
            cluster.place(2, "late" + x, x, 30, Color.of("#FF4500"));
        }
        for (int s = 0; s < 3; s++) {
            second.run();
        }
        assertTrue(model.knowledge().rows().stream().noneMatch(row -> row.node() == 1), "no row while n1 is down");
        cluster.restart(1);
        for (int s = 0; s < 3; s++) {
            second.run();
        }
        CausalKnowledge.Row n1 = row(1);
        assertEquals(cluster.view(1).orElseThrow().committedWrites(), n1.total(), "every write it holds: " + n1);
        assertTrue(n1.fromDisk() >= 3, "its disk gave back what it had committed: " + n1);
        assertTrue(n1.bySync() >= 4, "it caught up by sync the writes placed while it was down: " + n1);
        assertEquals(0, n1.unknownOrigin(), "every origin was seen committed elsewhere");
    }

    private WriteClocks.Stamped stamped(PixelWrite write) {
        return model.writeClocks().recent().stream().filter(s -> s.write().equals(write)).findFirst().orElseThrow();
    }
}
