package org.distriplace.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.NodeReport;

/**
 * A scripted three-node story for the inspector's tests: n3 leads epoch 1, commits one round with everyone's yes,
 * then crashes; n2 suspects it and n1 declares it dead; n2 wins epoch 2 and a round there aborts on n1's no.
 */
public final class Script {

    private Script() {
    }

    public static List<NodeEvent> leaderCrash() {
        List<NodeEvent> e = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            e.add(new NodeEvent.Lifecycle(0, id, NodeEvent.Lifecycle.Stage.READY, ""));
        }
        e.add(new NodeEvent.RoleChanged(100, 3, Role.LEADER, 3, 1));
        e.add(new NodeEvent.RoleChanged(110, 1, Role.FOLLOWER, 3, 1));
        e.add(new NodeEvent.RoleChanged(110, 2, Role.FOLLOWER, 3, 1));
        e.add(new NodeEvent.MessageSent(1_000, 3, 1, MessageKind.HEARTBEAT, "epoch 1 leader 3"));
        e.add(new NodeEvent.MessageSent(1_000, 3, 2, MessageKind.HEARTBEAT, "epoch 1 leader 3"));
        e.add(new NodeEvent.MessageReceived(1_020, 1, 3, MessageKind.HEARTBEAT, "epoch 1 leader 3"));
        e.add(new NodeEvent.HeartbeatReceived(1_020, 1, 3, 1, 3));
        e.add(new NodeEvent.MessageReceived(1_030, 2, 3, MessageKind.HEARTBEAT, "epoch 1 leader 3"));
        e.add(new NodeEvent.HeartbeatReceived(1_030, 2, 3, 1, 3));
        e.add(new NodeEvent.CommitPhase(1_100, 3, 1, 1, Phase.PREPARE_SENT, 2, List.of(3), List.of(), 0));
        e.add(new NodeEvent.MessageSent(1_100, 3, 1, MessageKind.PREPARE, "1/1 (2 writes)"));
        e.add(new NodeEvent.MessageSent(1_100, 3, 2, MessageKind.PREPARE, "1/1 (2 writes)"));
        e.add(new NodeEvent.MessageReceived(1_120, 1, 3, MessageKind.PREPARE, "1/1 (2 writes)"));
        e.add(new NodeEvent.CommitPhase(1_120, 1, 1, 1, Phase.VOTE_YES, 2, List.of(), List.of(), 3));
        e.add(new NodeEvent.MessageSent(1_120, 1, 3, MessageKind.VOTE, "1/1 yes"));
        e.add(new NodeEvent.MessageReceived(1_125, 2, 3, MessageKind.PREPARE, "1/1 (2 writes)"));
        e.add(new NodeEvent.CommitPhase(1_125, 2, 1, 1, Phase.VOTE_YES, 2, List.of(), List.of(), 3));
        e.add(new NodeEvent.MessageSent(1_125, 2, 3, MessageKind.VOTE, "1/1 yes"));
        e.add(new NodeEvent.MessageReceived(1_140, 3, 1, MessageKind.VOTE, "1/1 yes"));
        e.add(new NodeEvent.CommitPhase(1_140, 3, 1, 1, Phase.COMMIT, 2, List.of(3, 1), List.of(), 0));
        e.add(new NodeEvent.MessageSent(1_140, 3, 1, MessageKind.COMMIT, "1/1"));
        e.add(new NodeEvent.MessageReceived(1_150, 3, 2, MessageKind.VOTE, "1/1 yes"));
        e.add(new NodeEvent.MessageReceived(1_160, 1, 3, MessageKind.COMMIT, "1/1"));
        e.add(new NodeEvent.Lifecycle(1_500, 3, NodeEvent.Lifecycle.Stage.STOPPED, "crashed"));
        e.add(new NodeEvent.MessageSent(1_500, 1, 3, MessageKind.HEARTBEAT, "epoch 1 leader 3"));
        e.add(new NodeEvent.SuspicionChanged(5_100, 2, 3, Liveness.ALIVE, Liveness.SUSPECTED));
        e.add(new NodeEvent.SuspicionChanged(7_100, 1, 3, Liveness.SUSPECTED, Liveness.DEAD));
        e.add(new NodeEvent.ElectionStep(7_200, 2, NodeEvent.ElectionStep.Step.STARTED, 2, 0, ""));
        e.add(new NodeEvent.ElectionStep(7_800, 2, NodeEvent.ElectionStep.Step.WON, 2, 0, ""));
        e.add(new NodeEvent.EpochChanged(7_800, 2, 1, 2, 2));
        e.add(new NodeEvent.RoleChanged(7_800, 2, Role.LEADER, 2, 2));
        e.add(new NodeEvent.EpochChanged(7_820, 1, 1, 2, 2));
        e.add(new NodeEvent.CommitPhase(8_000, 2, 2, 1, Phase.PREPARE_SENT, 1, List.of(2), List.of(), 0));
        e.add(new NodeEvent.CommitPhase(8_020, 1, 2, 1, Phase.VOTE_NO, 1, List.of(), List.of(), 2));
        e.add(new NodeEvent.CommitPhase(8_040, 2, 2, 1, Phase.ABORT, 1, List.of(2), List.of(1), 0));
        return e;
    }

    /** A report from {@code node} at {@code at} holding {@code version}. */
    public static NodeReport report(int node, long at, Role role, int leader, long epoch, Map<Integer, Long> version,
                                    Map<Integer, NodeReport.PeerView> peers) {
        VectorClock clock = VectorClock.of(version);
        return new NodeReport(at, node, role, leader, epoch, epoch, true, role == Role.LEADER, peers, clock,
            "00000000000000" + String.format("%02x", clock.total()), clock.total(), null, 0, 0, 0, 32, 32,
            Membership.initial(List.of(1, 2, 3)), true, false, new NodeReport.Timing(1_000, 2_000, 3_000),
            List.of());
    }
}
