package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.protocol.shard.Shard;
import org.distriplace.core.protocol.shard.ShardGrid;
import org.distriplace.core.protocol.shard.ShardMap;

/**
 * The groups a node takes part in (ADR 0017), by number: group 0, the cluster's, and in a sharded cluster one group
 * per shard, group {@code 1 + shard}, voter where the node is a replica and learner elsewhere. A one-shard cluster
 * has group 0 alone, which orders its pixels too. Owned by the node's thread.
 */
final class Groups {

    private final List<ShardGroup> groups;
    /** The grid of a sharded cluster; null for one shard. */
    private final ShardGrid grid;

    Groups(List<ShardGroup> groups, ShardGrid grid) {
        this.groups = List.copyOf(groups);
        this.grid = grid;
        if (grid == null ? groups.size() != 1 : groups.size() != grid.shards().size() + 1) {
            throw new IllegalArgumentException(groups.size() + " groups for " + (grid == null ? "one shard" : grid));
        }
    }

    /**
     * The node's groups as configured: the cluster group over {@code members}, and with shards one group per shard
     * over the replicas the first shard map names ({@link ShardMap} of the initial members). Each shard group draws
     * a seed of its own from {@code random}; a one-shard node draws nothing more, so it runs as it did.
     */
    static Groups of(NodeShared node, MembershipView members, Random random, ShardGroup.LocalRefusals refusals) {
        NodeConfig config = node.config();
        List<ShardGroup> groups = new ArrayList<>();
        if (!config.sharded()) {
            groups.add(new ShardGroup(node, 0, new Shard(0, 0, 0, config.width(), config.height()), members, random,
                null, refusals));
            return new Groups(groups, null);
        }
        // The cluster group holds no canvas: a pixel's writes are its shard's. Its replica stays empty.
        ShardGroup cluster = new ShardGroup(node, 0, new Shard(0, 0, 0, 1, 1), members, random, null, refusals);
        groups.add(cluster);
        ShardMap map = new ShardMap(members.current().version(), config.shardGrid(), config.replicas(),
            config.members());
        ShardPlacement placement = new ShardPlacement(config.replicas(), members);
        for (Shard shard : config.shardGrid().shards()) {
            int group = 1 + shard.id();
            MembershipView replicas = MembershipView.ofShard(config.nodeId(), group, map.replicas(shard.id()),
                node.store());
            ShardGroup added = new ShardGroup(node, group, shard, replicas, new Random(random.nextLong()), cluster,
                refusals);
            placement.register(replicas);
            added.ctx().usePlacement(placement);
            groups.add(added);
        }
        return new Groups(groups, config.shardGrid());
    }

    /** The cluster group: configurations and accounts (and, with one shard, pixels). */
    ShardGroup cluster() {
        return groups.get(0);
    }

    /** Group {@code group}, or null when the node has none of that number. */
    ShardGroup get(int group) {
        return group >= 0 && group < groups.size() ? groups.get(group) : null;
    }

    /** The group that orders pixel {@code (x, y)}. */
    ShardGroup forPixel(int x, int y) {
        return grid == null ? groups.get(0) : groups.get(1 + grid.shardAt(x, y).id());
    }

    /** Every group, the cluster's first. */
    List<ShardGroup> all() {
        return groups;
    }

    /** The groups that order pixels: the shards', or the cluster's when there is one shard. */
    List<ShardGroup> writing() {
        return grid == null ? groups : groups.subList(1, groups.size());
    }
}
