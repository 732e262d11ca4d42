package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.failure.FailureDetector;

/** Takes a {@link NodeReport}: what each role says of itself at one moment. Owned by the node's thread. */
final class NodeReports {

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final Voting voting;
    private final Leadership leadership;
    private final IntSupplier pendingPlacements;
    private final Supplier<List<ShardReport>> shards;

    /**
     * @param pendingPlacements the node's client placements waiting for their commit, in every group
     * @param shards            each shard as the node sees it
     */
    NodeReports(GroupContext ctx, CatchUp catchUp, Voting voting, Leadership leadership, IntSupplier pendingPlacements,
                Supplier<List<ShardReport>> shards) {
        this.shards = shards;
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.voting = voting;
        this.leadership = leadership;
        this.pendingPlacements = pendingPlacements;
    }

    NodeReport take() {
        long now = ctx.now();
        FailureDetector detector = ctx.detector();
        Map<Integer, NodeReport.PeerView> peers = new TreeMap<>();
        for (int peer : ctx.members().others()) {
            long ago = detector.lastHeard(peer).map(heard -> now - heard).orElse(-1L);
            peers.put(peer, new NodeReport.PeerView(peer, detector.status(peer), ago));
        }
        BullyElection election = ctx.election();
        Replica replica = ctx.replica();
        NodeConfig config = ctx.config();
        return new NodeReport(now, ctx.self(), election.role(), election.leaderId(), election.epoch(),
            voting.installedEpoch(), catchUp.ready(), leadership.active(), peers, replica.version(),
            replica.canvas().stateHashHex(), replica.committedWrites(), leadership.proposal(now),
            leadership.queued(), voting.inDoubtCount(), pendingPlacements.getAsInt(), config.width(), config.height(),
            ctx.members().current(), ctx.members().isMember(), ctx.members().removed(),
            new NodeReport.Timing(config.heartbeatMs(), config.suspectAfterMs(), config.failureTimeoutMs()),
            shards.get());
    }
}
