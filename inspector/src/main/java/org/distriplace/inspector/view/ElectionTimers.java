package org.distriplace.inspector.view;

import java.util.HashMap;
import java.util.Map;
import org.distriplace.core.event.Role;
import org.distriplace.inspector.model.ClusterState;
import org.distriplace.inspector.model.Heartbeats;
import org.distriplace.inspector.model.InspectorModel;

/**
 * Each follower's election timer, as the cluster graph draws it: the share of its failure timeout gone since it
 * last heard its leader. When it reaches the whole, the follower declares the leader dead and calls an election;
 * followers heard the last heartbeat at slightly different moments, so one of them times out first.
 */
final class ElectionTimers {

    private ElectionTimers() {
    }

    /** By node: {share of the timeout gone, share at which it suspects}; absent for leaders and nodes without one. */
    static Map<Integer, double[]> of(InspectorModel model, long now) {
        ClusterState cluster = model.cluster();
        Map<Integer, double[]> timers = new HashMap<>();
        for (Heartbeats.Silence silence : model.heartbeats().at(now)) {
            ClusterState.NodeState observer = cluster.node(silence.observer());
            if (observer != null && observer.running() && observer.role() == Role.FOLLOWER
                && observer.leaderId() == silence.peer() && silence.silenceMs() >= 0) {
                timers.put(silence.observer(), new double[] {silence.ofFailureTimeout(),
                    (double) silence.timing().suspectAfterMs() / silence.timing().failureTimeoutMs()});
            }
        }
        return timers;
    }
}
