package org.distriplace.core.node;

import java.util.List;

/**
 * One shard as a node sees it (ADR 0017): its rectangle, the replicas its committed configuration names, the leader
 * this node knows of (0 for none), that leader's epoch, the writes this node holds of it, and whether this node is
 * one of its replicas or a learner. A one-shard node reports one, the whole canvas, held by every member.
 */
public record ShardReport(int id, int x, int y, int width, int height, List<Integer> replicas, int leader,
                          long epoch, long committedWrites, boolean replica) {

    public ShardReport {
        replicas = List.copyOf(replicas);
    }
}
