package org.distriplace.inspector.feed;

import java.util.List;
import java.util.Optional;
import org.distriplace.inspector.model.ShardStates;

/**
 * The shards of the simulated demo as its running nodes report them now, for lessons: judged as the Shards tab judges
 * them ({@link ShardStates}), so a lesson's moment and the picture the class sees agree.
 */
final class ShardsNow {

    private ShardsNow() {
    }

    /** True when the demo's canvas is cut into more than one shard. */
    static boolean sharded(SimulatedCluster cluster) {
        return cluster.settings().sharding().sharded();
    }

    /** Every shard now, in id order (none before the first report). */
    static List<ShardStates.Shard> shards(SimulatedCluster cluster) {
        return ShardStates.of(cluster.nodes().stream().filter(cluster::isRunning).map(cluster::report)
            .flatMap(Optional::stream).toList()).shards();
    }

    /** The leader of shard {@code shard} now: a running replica that leads it with a majority running. */
    static Optional<Integer> leader(SimulatedCluster cluster, int shard) {
        return shard(cluster, shard).map(ShardStates.Shard::leader).filter(id -> id != 0);
    }

    /** A running replica of shard {@code shard} that does not lead it, the lowest-numbered. */
    static Optional<Integer> peer(SimulatedCluster cluster, int shard) {
        return shard(cluster, shard).flatMap(view -> view.running().stream().filter(id -> id != view.leader())
            .sorted().findFirst());
    }

    /** Each shard's leader now (0 where none), in shard order; empty before the first report. */
    static List<Integer> leaders(SimulatedCluster cluster) {
        return shards(cluster).stream().map(ShardStates.Shard::leader).toList();
    }

    /** True when some shard has fewer than a majority of its replicas running. */
    static boolean anyWithoutQuorum(SimulatedCluster cluster) {
        return shards(cluster).stream().anyMatch(view -> view.health() == ShardStates.Health.NO_QUORUM);
    }

    private static Optional<ShardStates.Shard> shard(SimulatedCluster cluster, int shard) {
        return shards(cluster).stream().filter(view -> view.id() == shard).findFirst();
    }
}
