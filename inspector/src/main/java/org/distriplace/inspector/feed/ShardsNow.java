package org.distriplace.inspector.feed;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.ShardReport;

/**
 * The shards of the simulated demo as its running nodes report them, for lessons: who leads each, and which have
 * lost their majority. A shard's leader is a running replica that reports leading it (the newest epoch wins).
 */
final class ShardsNow {

    private ShardsNow() {
    }

    /** True when the demo's canvas is cut into more than one shard. */
    static boolean sharded(SimulatedCluster cluster) {
        return cluster.settings().sharding().sharded();
    }

    /** Every shard as one running node reports it (their rectangles and replicas agree), in id order. */
    static List<ShardReport> shards(SimulatedCluster cluster) {
        return running(cluster).stream().findFirst().map(NodeReport::shards).orElse(List.of());
    }

    /** The leader of shard {@code shard} now, if a running replica leads it. */
    static Optional<Integer> leader(SimulatedCluster cluster, int shard) {
        TreeMap<Long, Integer> byEpoch = new TreeMap<>();
        for (NodeReport report : running(cluster)) {
            report.shards().stream().filter(view -> view.id() == shard && view.replica()
                && view.leader() == report.nodeId()).forEach(view -> byEpoch.put(view.epoch(), report.nodeId()));
        }
        return byEpoch.isEmpty() ? Optional.empty() : Optional.of(byEpoch.lastEntry().getValue());
    }

    /** A running replica of shard {@code shard} that does not lead it, the lowest-numbered. */
    static Optional<Integer> peer(SimulatedCluster cluster, int shard) {
        Optional<Integer> leader = leader(cluster, shard);
        return shards(cluster).stream().filter(view -> view.id() == shard).findFirst().flatMap(view ->
            view.replicas().stream().filter(cluster::isRunning).filter(id -> !leader.equals(Optional.of(id)))
                .sorted().findFirst());
    }

    /** Each shard's leader now (0 where none), in shard order. */
    static List<Integer> leaders(SimulatedCluster cluster) {
        return shards(cluster).stream().map(view -> leader(cluster, view.id()).orElse(0)).toList();
    }

    /** True when some shard has fewer than a majority of its replicas running. */
    static boolean anyWithoutQuorum(SimulatedCluster cluster) {
        return shards(cluster).stream().anyMatch(view ->
            2 * view.replicas().stream().filter(cluster::isRunning).count() <= view.replicas().size());
    }

    private static List<NodeReport> running(SimulatedCluster cluster) {
        return cluster.nodes().stream().filter(cluster::isRunning).map(cluster::report).flatMap(Optional::stream)
            .toList();
    }
}
