package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;

/**
 * The election timers the graph draws round the followers: after the leader crashes they fill up, and the node
 * whose timer is fullest is the one that suspects the leader first.
 */
class ElectionTimersTest {

    @Test
    void theFollowerWhoseTimerIsFullestIsTheFirstToSuspectTheCrashedLeader() {
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 3), inbox);
        InspectorModel model = new InspectorModel();
        cluster.setSpeed(1);
        for (int i = 0; i < 200 && cluster.leader().isEmpty(); i++) {
            cluster.advance(50);
        }
        cluster.advance(2_000);
        int leader = cluster.leader().orElseThrow();
        inbox.drainTo(model, Integer.MAX_VALUE);
        model.advanceTo(cluster.now());
        Map<Integer, ElectionTimers.Timer> steady = ElectionTimers.of(model, cluster.now());
        assertEquals(4, steady.size(), "every follower has a timer, the leader none: " + steady.keySet());
        assertFalse(steady.containsKey(leader));
        assertTrue(steady.values().stream().allMatch(t -> t.gone() < 0.5), "heartbeats keep them low");

        cluster.kill(leader);
        int[] first = {0};
        cluster.pauseWhen(events -> events.stream().anyMatch(e -> {
            if (e instanceof NodeEvent.SuspicionChanged s && s.peer() == leader && s.to() == Liveness.SUSPECTED) {
                first[0] = s.node();
                return true;
            }
            return false;
        }), cluster.now() + 10_000);
        for (int i = 0; i < 400 && !cluster.pausedAtBreakpoint(); i++) {
            cluster.advance(50);
        }
        assertTrue(first[0] != 0, "a follower suspected the crashed leader");
        inbox.drainTo(model, Integer.MAX_VALUE);
        model.advanceTo(cluster.now());
        Map<Integer, ElectionTimers.Timer> timers = ElectionTimers.of(model, cluster.now());
        ElectionTimers.Timer suspecting = timers.get(first[0]);
        assertTrue(suspecting.gone() >= suspecting.suspectAt() - 0.02, "its timer reached the suspicion mark: "
            + suspecting.gone());
        assertTrue(timers.values().stream().allMatch(t -> t.gone() <= suspecting.gone() + 1e-9),
            "nobody's timer is fuller than the first to suspect");
    }
}
