package org.distriplace.core.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.Moderation;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.protocol.shard.Orderers;
import org.distriplace.core.protocol.shard.ShardGrid;

/**
 * Checks the cluster's safety invariants on every event, and its liveness invariants once the network healed.
 * Keeps its own memory across node crashes (a restarted node must not forget its epoch). The first violation is
 * kept; later ones are ignored.
 */
public final class InvariantChecker {

    private final long cooldownMs;
    /** The grid of a sharded run (null for one shard): group {@code 1 + s} commits only shard {@code s}'s pixels. */
    private final ShardGrid grid;
    /** Each node's newest epoch in each group, by {@link #key}. */
    private final Map<Long, Long> epochs = new HashMap<>();
    /** The leader that committed in each group's epoch, by {@link #key} of group and epoch. */
    private final Map<Long, Integer> committingLeader = new HashMap<>();
    private final Map<Dot, PixelWrite> committed = new HashMap<>();
    private final Map<String, TreeSet<Long>> placementsByUser = new HashMap<>();
    private final Map<String, Dot> requestDots = new HashMap<>();
    private final List<PixelWrite> acknowledged = new ArrayList<>();
    private final Map<Long, List<Integer>> configurations = new HashMap<>();
    /** Nodes removed that stay out (they said so), until a configuration names them again. */
    private final Set<Integer> retired = new HashSet<>();
    /** Invariants 9 and 15 in shard groups; null for one shard. */
    private final ShardConfigChecks shardConfigs;
    private Violation violation;

    public InvariantChecker(long cooldownMs) {
        this(cooldownMs, null, 0);
    }

    /**
     * @param grid     the canvas's shards in a sharded run; null for one shard
     * @param replicas how many replicas each shard should have (with shards)
     */
    public InvariantChecker(long cooldownMs, ShardGrid grid, int replicas) {
        this.cooldownMs = cooldownMs;
        this.grid = grid;
        this.shardConfigs = grid == null ? null : new ShardConfigChecks(this, replicas);
    }

    /** How many members the newest cluster configuration seen has. */
    private int newestClusterSize() {
        return configurations.entrySet().stream().max(Map.Entry.comparingByKey())
            .map(newest -> newest.getValue().size()).orElse(0);
    }

    /** One key for a number within a group (a node, an epoch): groups' epochs and nodes' epochs are their own. */
    private static long key(int group, long within) {
        return ((long) group << 48) ^ within;
    }

    public Violation violation() {
        return violation;
    }

    public int committedWrites() {
        return committed.size();
    }

    public int acknowledgedWrites() {
        return acknowledged.size();
    }

    /** Invariants 3 to 7, 9 and 10, and a shard's own, checked on every event, each within its group. */
    public void onEvent(NodeEvent event) {
        if (event instanceof NodeEvent.InGroup inGroup) {
            onEvent(inGroup.group(), inGroup.event());
        } else {
            onEvent(0, event);
        }
    }

    private void onEvent(int group, NodeEvent event) {
        if (event instanceof NodeEvent.EpochChanged e) {
            checkEpoch(group, e);
        } else if (event instanceof NodeEvent.MembershipChanged e) {
            if (group == 0) {
                checkConfiguration(e);
                checkRetirement(e);
            } else if (shardConfigs != null) {
                shardConfigs.changed(group, e, newestClusterSize());
            }
        } else if (event instanceof NodeEvent.Committed c) {
            checkCommit(group, c);
        } else if (event instanceof NodeEvent.CommitPhase phase) {
            checkRetiredQuiet(phase);
        } else if (group == 0 && event instanceof NodeEvent.Lifecycle life
            && (life.stage() == NodeEvent.Lifecycle.Stage.REMOVED
            || life.stage() == NodeEvent.Lifecycle.Stage.LEFT)) {
            retired.add(life.node());
        }
    }

    /** A client was told its write committed. */
    public void acknowledged(PixelWrite write) {
        acknowledged.add(write);
        if (!committed.containsKey(write.dot())) {
            fail(Invariant.DURABILITY, "write " + write + " acknowledged but never committed anywhere", 0);
        }
    }

    /** Configuration changes committed anywhere (the newest version seen). */
    public int configurationChanges() {
        return configurations.keySet().stream().mapToInt(Long::intValue).max().orElse(0);
    }

    /** Configuration changes committed in shard groups, counted once each however many nodes took them on. */
    public int shardConfigurationChanges() {
        return shardConfigs == null ? 0 : shardConfigs.changes();
    }

    /** Starts the record of configurations from the initial one. */
    public void initialConfiguration(List<Integer> members) {
        configurations.put(0L, List.copyOf(members));
    }

    private void checkRetirement(NodeEvent.MembershipChanged change) {
        if (change.members().contains(change.node())) {
            retired.remove(change.node());
        }
    }

    private void checkRetiredQuiet(NodeEvent.CommitPhase phase) {
        boolean speaks = phase.phase() == NodeEvent.CommitPhase.Phase.VOTE_YES
            || phase.phase() == NodeEvent.CommitPhase.Phase.PREPARE_SENT;
        if (speaks && retired.contains(phase.node())) {
            fail(Invariant.RETIRED, "node " + phase.node() + " was removed but sent " + phase.phase() + " for "
                + phase.epoch() + "/" + phase.proposalId(), phase.at());
        }
    }

    private void checkConfiguration(NodeEvent.MembershipChanged change) {
        List<Integer> known = configurations.putIfAbsent(change.version(), change.members());
        if (known != null && !known.equals(change.members())) {
            fail(Invariant.CONFIGURATIONS, "configuration " + change.version() + " is " + known + " at one node and "
                + change.members() + " at node " + change.node(), change.at());
            return;
        }
        List<Integer> before = configurations.get(change.version() - 1);
        if (before != null && !oneApart(before, change.members())) {
            fail(Invariant.CONFIGURATIONS, "configuration " + change.version() + " " + change.members()
                + " does not add or remove one node of " + before, change.at());
        }
    }

    static boolean oneApart(List<Integer> before, List<Integer> after) {
        List<Integer> smaller = before.size() < after.size() ? before : after;
        List<Integer> larger = smaller == before ? after : before;
        return larger.size() == smaller.size() + 1 && larger.containsAll(smaller);
    }

    private void checkEpoch(int group, NodeEvent.EpochChanged change) {
        long before = epochs.getOrDefault(key(group, change.node()), 0L);
        if (change.from() < before || change.to() < before) {
            fail(Invariant.EPOCHS, "node " + change.node() + in(group) + " went from epoch " + before + " to "
                + change.from() + " -> " + change.to(), change.at());
        }
        epochs.merge(key(group, change.node()), change.to(), Math::max);
    }

    private static String in(int group) {
        return group == 0 ? "" : " in group " + group;
    }

    private void checkCommit(int group, NodeEvent.Committed commit) {
        Integer earlier = committingLeader.putIfAbsent(key(group, commit.epoch()), commit.leaderId());
        if (earlier != null && earlier != commit.leaderId()) {
            fail(Invariant.ONE_LEADER, "epoch " + commit.epoch() + in(group) + " has commits from leaders " + earlier
                + " and " + commit.leaderId(), commit.at());
        }
        for (PixelWrite write : commit.writes()) {
            checkOwnShard(group, write, commit.at());
            PixelWrite known = committed.putIfAbsent(write.dot(), write);
            if (known == null) {
                checkCooldown(write, commit.at());
                checkOncePerRequest(write, commit.at());
            } else if (!known.equals(write)) {
                fail(Invariant.DOTS, "dot " + write.dot() + " committed as " + known + " and as " + write,
                    commit.at());
            }
        }
    }

    private void checkOncePerRequest(PixelWrite write, long at) {
        Dot earlier = requestDots.putIfAbsent(write.origin() + "/" + write.requestId(), write.dot());
        if (earlier != null) {
            fail(Invariant.ONCE, "request " + write.requestId() + " from node " + write.origin()
                + " committed twice, as " + earlier + " and " + write.dot(), at);
        }
    }

    /** A write commits in its own shard's group, ordered under that group's orderer (group 0 without shards). */
    private void checkOwnShard(int group, PixelWrite write, long at) {
        int own = grid == null ? 0 : 1 + grid.shardAt(write.x(), write.y()).id();
        if (group != own || grid != null && Orderers.group(write.nodeId()) != own) {
            fail(Invariant.SHARD_OWN, "write " + write + " of group " + own + " committed in group " + group, at);
        }
    }

    /** A player's placements commit a cooldown apart, whichever shards they are in (grants: ADR 0017). */
    private void checkCooldown(PixelWrite write, long at) {
        if (cooldownMs == 0 || Moderation.isModeration(write.user())) {
            return; // moderators' restoring writes are exempt by design
        }
        TreeSet<Long> times = placementsByUser.computeIfAbsent(write.user(), u -> new TreeSet<>());
        long time = Hlc.physical(write.timestamp());
        Long before = times.floor(time);
        Long after = times.ceiling(time);
        if ((before != null && time - before < cooldownMs) || (after != null && after - time < cooldownMs)) {
            fail(Invariant.COOLDOWN, "user " + write.user() + " has committed writes at " + time + " ms and "
                + (before != null && time - before < cooldownMs ? before : after) + " ms, cooldown " + cooldownMs
                + " ms", at);
        }
        times.add(time);
    }

    /**
     * Invariant 2 after convergence: every acknowledged write is on every live replica (of its shard), unless a
     * later write holds its pixel.
     */
    public void checkDurability(Map<Integer, NodeEngine> liveNodes, long now) {
        for (PixelWrite write : acknowledged) {
            for (Map.Entry<Integer, NodeEngine> entry : new TreeMap<>(liveNodes).entrySet()) {
                Replica replica = entry.getValue().replicaAt(write.x(), write.y());
                boolean held = replica.holds(write.dot())
                    && !write.stamp().isAfter(replica.canvas().stampAt(write.x(), write.y()));
                if (!held) {
                    fail(Invariant.DURABILITY, "acknowledged write " + write + " is missing on node "
                        + entry.getKey(), now);
                    return;
                }
            }
        }
    }

    public void fail(Invariant invariant, String detail, long at) {
        if (violation == null) {
            violation = new Violation(invariant, detail, at);
        }
    }
}
