package org.distriplace.core.event;

import java.util.List;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;

/**
 * What a node did, as the inspector and the simulator's trace see it. Every event names the node it happened on
 * and the node's clock reading ({@link #at()}, milliseconds; virtual time in the simulator). Events are
 * immutable and delivered in the order they happened on that node.
 */
public sealed interface NodeEvent {

    long at();

    int node();

    /** A peer message left this node. {@code summary} is short and human-readable. */
    record MessageSent(long at, int node, int to, MessageKind kind, String summary) implements NodeEvent {
    }

    /** A peer message arrived and was accepted for handling. */
    record MessageReceived(long at, int node, int from, MessageKind kind, String summary) implements NodeEvent {
    }

    /** A heartbeat from {@code peer} arrived. */
    record HeartbeatReceived(long at, int node, int peer, long epoch, int leaderId) implements NodeEvent {
    }

    /** The failure detector changed its opinion of {@code peer}. */
    record SuspicionChanged(long at, int node, int peer, Liveness from, Liveness to) implements NodeEvent {
    }

    /** A step of the Bully election, as seen on this node. */
    record ElectionStep(long at, int node, Step step, long epoch, int peer, String detail) implements NodeEvent {

        /** Election steps. */
        public enum Step { STARTED, ANSWERED, ANSWER_RECEIVED, WON, ACCEPTED_LEADER, REFUSED, STEPPED_DOWN }
    }

    /** This node's epoch rose (it never falls). */
    record EpochChanged(long at, int node, long from, long to, int leaderId) implements NodeEvent {
    }

    /** This node's role changed. */
    record RoleChanged(long at, int node, Role role, int leaderId, long epoch) implements NodeEvent {
    }

    /** A step of a two-phase-commit round, with the votes known at that moment. */
    record CommitPhase(long at, int node, long epoch, long proposalId, Phase phase, int batchSize,
                       List<Integer> yes, List<Integer> no, int peer) implements NodeEvent {

        /** Two-phase-commit steps. */
        public enum Phase { PREPARE_SENT, PREPARED, VOTE_YES, VOTE_NO, VOTE_RECEIVED, COMMIT, ABORT }

        public CommitPhase {
            yes = List.copyOf(yes);
            no = List.copyOf(no);
        }
    }

    /** A batch became committed on this node: its writes are now part of this replica. */
    record Committed(long at, int node, long epoch, long proposalId, int leaderId, List<PixelWrite> writes)
        implements NodeEvent {
        public Committed {
            writes = List.copyOf(writes);
        }
    }

    /** This node took on a newer committed cluster configuration (a member was added). */
    record MembershipChanged(long at, int node, long version, List<Integer> members) implements NodeEvent {
        public MembershipChanged {
            members = List.copyOf(members);
        }
    }

    /** An anti-entropy or recovery exchange with {@code peer}. */
    record SyncStep(long at, int node, int peer, Kind kind, int writes, int tiles) implements NodeEvent {

        /** Sync steps. */
        public enum Kind { REQUEST_SENT, DELTA_SENT, FULL_STATE_SENT, DELTA_APPLIED, FULL_STATE_APPLIED, IN_SYNC }
    }

    /** A milestone of a node's life: restored from storage, joined, ready, leader recovery. */
    record Lifecycle(long at, int node, Stage stage, String detail) implements NodeEvent {

        /** Lifecycle stages. */
        public enum Stage {
            RESTORED, JOINING, READY, RECOVERING_AS_LEADER, INSTALLING, LEADER_ACTIVE, LEARNER_ADDED, ADMITTED, LEAVING,
            LEFT, REMOVED, FORCED_NEW_CLUSTER, STOPPED
        }
    }

    /**
     * A {@code pixels} frame left this node for its live clients (browsers, desktop canvases): the committed writes
     * it carried, by dot, and how many clients it went to. Like per-message events, built only while someone
     * inspects the node.
     */
    record ClientsTold(long at, int node, int clients, List<Dot> dots) implements NodeEvent {
        public ClientsTold {
            dots = List.copyOf(dots);
        }
    }

    /** A client placement was refused or gave up, with the error code. */
    record PlacementFailed(long at, int node, String user, String code, String message) implements NodeEvent {
    }

    /**
     * Something that happened in one of a sharded node's groups other than the cluster's (ADR 0017): a shard's
     * election, commits and catching up, told apart from every other group's, whose epochs and proposals are their
     * own. Group 0's events go bare, so a one-shard cluster's are as they were.
     */
    record InGroup(int group, NodeEvent event) implements NodeEvent {
        public InGroup {
            if (group < 1 || event instanceof InGroup) {
                throw new IllegalArgumentException("a group other than 0, around an event of no group");
            }
        }

        @Override
        public long at() {
            return event.at();
        }

        @Override
        public int node() {
            return event.node();
        }
    }
}
