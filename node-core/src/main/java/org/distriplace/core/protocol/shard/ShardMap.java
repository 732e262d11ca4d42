package org.distriplace.core.protocol.shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which members hold which shard, as every member computes it from the agreed configuration: its members, the grid
 * and the number of replicas. Its version is the configuration's: two members with the same version hold the same
 * map. Pure and immutable.
 */
public final class ShardMap {

    private final long version;
    private final ShardGrid grid;
    private final int replicas;
    private final List<Integer> members;
    private final List<List<Integer>> holders;

    /**
     * @param version  the configuration's version this map belongs to
     * @param replicas how many members hold each shard (all of them when there are fewer, or one shard only)
     */
    public ShardMap(long version, ShardGrid grid, int replicas, Collection<Integer> members) {
        if (replicas < 1) {
            throw new IllegalArgumentException("each shard needs at least one replica, not " + replicas);
        }
        this.version = version;
        this.grid = grid;
        this.replicas = replicas;
        this.members = List.copyOf(new TreeSet<>(members));
        // One shard is today's cluster: every member holds the whole canvas, whatever the replica count says.
        int holding = grid.shards().size() == 1 ? this.members.size() : replicas;
        List<List<Integer>> all = new ArrayList<>(grid.shards().size());
        for (Shard shard : grid.shards()) {
            all.add(Rendezvous.replicas(shard.id(), this.members, holding));
        }
        this.holders = List.copyOf(all);
    }

    /** The same grid and replica count over other members, at {@code newVersion}. */
    public ShardMap withMembers(long newVersion, Collection<Integer> newMembers) {
        return new ShardMap(newVersion, grid, replicas, newMembers);
    }

    public long version() {
        return version;
    }

    public ShardGrid grid() {
        return grid;
    }

    public int replicaCount() {
        return replicas;
    }

    /** The members, ascending. */
    public List<Integer> members() {
        return members;
    }

    /** The members holding {@code shard}, highest rendezvous score first. */
    public List<Integer> replicas(int shard) {
        return holders.get(shard);
    }

    /** The shard of pixel ({@code x}, {@code y}). */
    public Shard shardAt(int x, int y) {
        return grid.shardAt(x, y);
    }

    /** The ids of the shards {@code member} holds, ascending. */
    public List<Integer> shardsOf(int member) {
        List<Integer> held = new ArrayList<>();
        for (int shard = 0; shard < holders.size(); shard++) {
            if (holders.get(shard).contains(member)) {
                held.add(shard);
            }
        }
        return held;
    }

    /** How many shards each member holds. */
    public Map<Integer, Integer> load() {
        Map<Integer, Integer> load = new TreeMap<>();
        members.forEach(member -> load.put(member, 0));
        holders.forEach(replicaSet -> replicaSet.forEach(member -> load.merge(member, 1, Integer::sum)));
        return load;
    }

    /** The replicas that differ from {@code earlier}'s: each a member that gains a shard it did not hold. */
    public int movedFrom(ShardMap earlier) {
        if (!earlier.grid.shards().equals(grid.shards())) {
            throw new IllegalArgumentException("maps of different grids (" + earlier.grid + " and " + grid
                + ") share no shards to compare");
        }
        int moved = 0;
        for (int shard = 0; shard < holders.size(); shard++) {
            List<Integer> before = earlier.replicas(shard);
            moved += (int) holders.get(shard).stream().filter(member -> !before.contains(member)).count();
        }
        return moved;
    }
}
