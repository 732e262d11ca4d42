package org.distriplace.core.node;

import java.util.List;
import org.distriplace.core.protocol.shard.Rendezvous;

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

    /**
     * Where {@code key} (a node id, or a shard's salted id) sits on the hash ring the inspector draws: the same mix
     * rendezvous hashing weighs nodes for shards with (ADR 0016), so views need not reach into the protocol.
     */
    public static long ringHash(long key) {
        return Rendezvous.mix(key);
    }
}
