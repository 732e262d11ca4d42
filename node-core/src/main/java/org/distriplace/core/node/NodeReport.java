package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Membership;

/**
 * An immutable snapshot of a whole node, for status pages and the inspector.
 *
 * @param at             the node's clock when the report was taken
 * @param peers          every other member with the failure detector's view of it
 * @param version        the replica's version vector (committed writes per ordering node)
 * @param stateHash      the canvas state hash, 16 hex digits
 * @param inFlight       the leader's proposal in flight, or null
 * @param queuedWrites   writes the leader accepted and has not proposed yet
 * @param inDoubt        batches this node voted for that are not decided yet
 * @param pendingPlacements this node's client requests waiting for their commit
 * @param membership     the newest committed configuration this node holds (members and their peer addresses)
 * @param member         whether that configuration names this node (false while it waits to be admitted)
 * @param removed        outside the configuration and staying out: it left or was removed, and does not rejoin
 * @param timing         the failure detector's intervals, so a viewer can draw silence against them
 * @param shards         each shard as this node sees it (ADR 0017): one, the whole canvas, without shards
 */
public record NodeReport(long at, int nodeId, Role role, int leaderId, long epoch, long installedEpoch,
                         boolean ready, boolean leaderActive, Map<Integer, PeerView> peers, VectorClock version,
                         String stateHash, long committedWrites, Proposal inFlight, int queuedWrites, int inDoubt,
                         int pendingPlacements, int width, int height, Membership membership, boolean member,
                         boolean removed, Timing timing, List<ShardReport> shards) {

    public NodeReport {
        peers = Map.copyOf(peers);
        shards = List.copyOf(shards);
    }

    /**
     * What this node thinks of one peer.
     *
     * @param lastHeardAgoMs milliseconds since it was last heard from, or -1 if never
     */
    public record PeerView(int id, Liveness liveness, long lastHeardAgoMs) {
    }

    /** How often this node sends heartbeats, and after how much silence it suspects a peer and declares it dead. */
    public record Timing(long heartbeatMs, long suspectAfterMs, long failureTimeoutMs) {
    }

    /** A two-phase-commit round in flight. */
    public record Proposal(long epoch, long proposalId, int size, int yesVotes, int noVotes, long ageMs) {
    }
}
