package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.distriplace.core.model.Membership;
import org.distriplace.core.protocol.shard.ShardMoves;

/**
 * Where a sharded node's shards should be and where they are (ADR 0017, stage 5): each shard's target replicas,
 * computed from the cluster's committed configuration (and recomputed only when it changes), and each shard group's
 * own configuration, to tell whether some shard is mid-move. Every node learns every shard, so each sees every
 * shard's configuration. Owned by the node's thread.
 */
final class ShardPlacement {

    private final int replicas;
    private final MembershipView cluster;
    private final List<MembershipView> shards = new ArrayList<>();
    private long targetsOf = -1;
    private List<List<Integer>> targets = List.of();

    ShardPlacement(int replicas, MembershipView cluster) {
        this.replicas = replicas;
        this.cluster = cluster;
    }

    /** The next shard's configuration: shards register in id order, shard 0 first. */
    void register(MembershipView shard) {
        shards.add(shard);
        targetsOf = -1;
    }

    /** The version of the cluster's configuration the targets come from: the shard map's version. */
    long mapVersion() {
        return cluster.current().version();
    }

    /** The replicas shard {@code shard} should have now, highest rendezvous score first. */
    List<Integer> target(int shard) {
        if (targetsOf != mapVersion()) {
            List<Integer> members = cluster.current().members();
            List<List<Integer>> all = new ArrayList<>(shards.size());
            for (int id = 0; id < shards.size(); id++) {
                all.add(ShardMoves.target(id, members, replicas));
            }
            targets = all;
            targetsOf = mapVersion();
        }
        return targets.get(shard);
    }

    /**
     * True when shard {@code shard} must wait to add a replica, so that shards move one at a time and in id order, as
     * far as this node sees the others: another shard holds more replicas than its target (a move is under way), or
     * a lower shard that can move (a live majority) still lacks a target replica that is alive (its move comes first;
     * a dead replica, or a shard without its majority, holds nothing up).
     */
    boolean anotherMoving(int shard, IntPredicate dead) {
        for (int id = 0; id < shards.size(); id++) {
            if (id == shard) {
                continue;
            }
            Membership actual = shards.get(id).current();
            List<Integer> target = target(id);
            boolean lacksLiveReplica = target.stream()
                .anyMatch(member -> !actual.contains(member) && !dead.test(member));
            boolean canMove = actual.members().stream().filter(member -> !dead.test(member)).count()
                >= actual.quorum();
            if (ShardMoves.midMove(actual, target) || id < shard && lacksLiveReplica && canMove) {
                return true;
            }
        }
        return false;
    }
}
