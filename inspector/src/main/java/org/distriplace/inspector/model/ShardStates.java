package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.ShardReport;

/**
 * The canvas's shards as the running nodes report them (ADR 0017): each shard's rectangle and replicas, who leads it
 * and in which epoch, and whether it can commit at all. A shard's leader is a running replica that reports leading
 * it (the highest epoch wins while an old leader has not yet heard of the new one), while a majority of its replicas
 * runs; with fewer it has none, whoever claims it. Built from reports, which every node sends of every shard,
 * learners included.
 */
public final class ShardStates {

    /** Whether a shard can take placements now. */
    public enum Health {
        /** A running replica leads it. */
        LED,
        /** No leader yet, but a majority of its replicas runs: an election is on its way. */
        ELECTING,
        /** Fewer than a majority of its replicas run: its placements are refused ({@code NO_QUORUM}). */
        NO_QUORUM
    }

    /**
     * One shard.
     *
     * @param leader      the replica leading it, 0 for none
     * @param leaderSince cluster time the current leader (or the lack of one) was first seen
     * @param running     its replicas that run
     */
    public record Shard(int id, int x, int y, int width, int height, List<Integer> replicas, List<Integer> running,
                        int leader, long epoch, long committedWrites, Health health, long leaderSince) {

        public Shard {
            replicas = List.copyOf(replicas);
            running = List.copyOf(running);
        }

        public boolean contains(int px, int py) {
            return px >= x && py >= y && px < x + width && py < y + height;
        }
    }

    /** Each running node's latest view of every shard, by node. */
    private final Map<Integer, List<ShardReport>> views = new TreeMap<>();
    /** A shard's leader (0 for none) and when it was first seen, to flash a shard that just elected. */
    private record Since(int leader, long at) {
    }

    /** Each shard's current leader and since when. */
    private final Map<Integer, Since> leaders = new HashMap<>();
    private List<Shard> shards = List.of();
    private boolean sharded;
    private long now;

    /** The shards as {@code reports} of the running nodes show them now (a lesson's check, without a model). */
    public static ShardStates of(List<NodeReport> reports) {
        ShardStates states = new ShardStates();
        reports.forEach(states::accept);
        return states;
    }

    void accept(NodeEvent event) {
        if (event instanceof NodeEvent.Lifecycle e && e.stage() == NodeEvent.Lifecycle.Stage.STOPPED
            && views.remove(e.node()) != null) {
            now = Math.max(now, e.at());
            shards = combineAll();
        }
    }

    void accept(NodeReport report) {
        now = Math.max(now, report.at());
        views.put(report.nodeId(), report.shards());
        sharded |= report.shards().size() > 1;
        shards = combineAll();
    }

    /** True once a report showed the canvas cut into more than one shard (it stays so while every node is down). */
    public boolean sharded() {
        return sharded;
    }

    /** Every shard, in id order, as the running nodes see it now. */
    public List<Shard> shards() {
        return shards;
    }

    private List<Shard> combineAll() {
        // Each shard's views, by the node that reported them.
        Map<Integer, Map<Integer, ShardReport>> byShard = new TreeMap<>();
        views.forEach((node, shards) -> shards.forEach(view -> byShard.computeIfAbsent(view.id(),
            id -> new TreeMap<>()).put(node, view)));
        List<Shard> combined = new ArrayList<>();
        byShard.forEach((id, seen) -> combined.add(combine(id, seen)));
        return List.copyOf(combined);
    }

    /** The shard holding pixel {@code (x, y)}, if the nodes reported one. */
    public Shard shardAt(int x, int y) {
        return shards.stream().filter(shard -> shard.contains(x, y)).findFirst().orElse(null);
    }

    /** The nodes that run now (those with a report since their last stop), in id order. */
    public List<Integer> runningNodes() {
        return List.copyOf(views.keySet());
    }

    private Shard combine(int id, Map<Integer, ShardReport> seen) {
        ShardReport first = seen.values().iterator().next();
        List<Integer> replicas = first.replicas();
        List<Integer> running = replicas.stream().filter(views::containsKey).toList();
        int leader = 0;
        long leaderEpoch = -1;
        long epoch = 0;
        long writes = 0;
        for (Map.Entry<Integer, ShardReport> node : seen.entrySet()) {
            ShardReport view = node.getValue();
            epoch = Math.max(epoch, view.epoch());
            writes = Math.max(writes, view.committedWrites());
            if (view.leader() == node.getKey() && view.replica() && view.epoch() > leaderEpoch) {
                leader = node.getKey();
                leaderEpoch = view.epoch();
            }
        }
        // A leader whose replicas died goes on claiming the lead (it steps down only when removed), but cannot
        // commit: without a majority running the shard refuses its placements, whoever claims it.
        Health health = 2 * running.size() <= replicas.size() ? Health.NO_QUORUM
            : leader != 0 ? Health.LED : Health.ELECTING;
        if (health == Health.NO_QUORUM) {
            leader = 0;
        }
        int chosen = leader;
        Since since = leaders.merge(id, new Since(leader, now), (held, next) -> held.leader() == chosen ? held : next);
        return new Shard(id, first.x(), first.y(), first.width(), first.height(), replicas, running, leader,
            Math.max(epoch, leaderEpoch), writes, health, since.at());
    }
}
