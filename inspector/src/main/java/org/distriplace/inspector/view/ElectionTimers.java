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

    /** One follower's timer: the share of its failure timeout gone, and the share at which it suspects its leader. */
    record Timer(double gone, double suspectAt) {
    }

    private ElectionTimers() {
    }

    /** Each follower's timer, by node; absent for leaders and nodes that have no leader. */
    static Map<Integer, Timer> of(InspectorModel model, long now) {
        ClusterState cluster = model.cluster();
        Map<Integer, Timer> timers = new HashMap<>();
        for (Heartbeats.Silence silence : model.heartbeats().at(now)) {
            ClusterState.NodeState observer = cluster.node(silence.observer());
            if (observer != null && observer.running() && observer.role() == Role.FOLLOWER
                && observer.leaderId() == silence.peer() && silence.silenceMs() >= 0) {
                timers.put(silence.observer(), new Timer(silence.ofFailureTimeout(),
                    (double) silence.timing().suspectAfterMs() / silence.timing().failureTimeoutMs()));
            }
        }
        return timers;
    }
}
