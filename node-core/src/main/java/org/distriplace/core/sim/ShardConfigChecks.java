package org.distriplace.core.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.event.NodeEvent;

/**
 * Invariants 9 and 15 in shard groups (ADR 0017, stage 5). Each shard's configurations, like the cluster's, are one
 * per version and each adds or removes one node of the one before (9); and a shard's configuration shrinks only from
 * more replicas than it should have, so a move never leaves a shard fewer replicas than the cluster's members allow
 * (15): with R replicas a shard, a removal leaves at least R, or every member when the cluster has fewer. That a
 * move completes is checked at convergence (every shard holds its target).
 */
final class ShardConfigChecks {

    private final InvariantChecker checker;
    private final int replicas;
    /** Each shard group's configurations seen, by group, then version. */
    private final Map<Integer, Map<Long, List<Integer>>> configurations = new HashMap<>();

    ShardConfigChecks(InvariantChecker checker, int replicas) {
        this.checker = checker;
        this.replicas = replicas;
    }

    /** How many shard configurations after the first were seen, all groups together. */
    int changes() {
        return configurations.values().stream().mapToInt(seen -> (int) seen.keySet().stream()
            .filter(version -> version > 0).count()).sum();
    }

    /** Shard group {@code group} took on a configuration; the cluster then had {@code clusterSize} members. */
    void changed(int group, NodeEvent.MembershipChanged change, int clusterSize) {
        Map<Long, List<Integer>> seen = configurations.computeIfAbsent(group, g -> new HashMap<>());
        List<Integer> known = seen.putIfAbsent(change.version(), change.members());
        if (known != null && !known.equals(change.members())) {
            checker.fail(Invariant.CONFIGURATIONS, "shard group " + group + "'s configuration " + change.version()
                + " is " + known + " at one node and " + change.members() + " at node " + change.node(), change.at());
            return;
        }
        List<Integer> before = seen.get(change.version() - 1);
        if (before == null) {
            return;
        }
        if (!InvariantChecker.oneApart(before, change.members())) {
            checker.fail(Invariant.CONFIGURATIONS, "shard group " + group + "'s configuration " + change.version()
                + " " + change.members() + " does not add or remove one node of " + before, change.at());
        } else if (change.members().size() < before.size()
            && change.members().size() < Math.min(replicas, clusterSize)) {
            checker.fail(Invariant.SHARD_MAJORITY, "shard group " + group + " went from " + before + " to "
                + change.members() + " while the cluster had " + clusterSize + " members", change.at());
        }
    }
}
