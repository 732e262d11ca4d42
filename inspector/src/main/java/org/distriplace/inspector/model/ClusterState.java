package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.node.NodeReport;

/**
 * Who is in the cluster and how each node sees itself (role, leader, epoch) and its peers (the failure detector's
 * opinions). A node's liveness on screen is the worst opinion any running peer holds of it, so a crash shows as
 * "still ALIVE" until the detectors notice: the delay a class should see.
 */
public final class ClusterState {

    /** One node as last heard of. */
    public record NodeState(int id, boolean running, Role role, int leaderId, long epoch) {
    }

    /**
     * Running nodes that hold each other reachable (neither has declared the other dead): one side of a partition
     * when there are several. {@code majority} when it holds more than half of the nodes known, so it can commit.
     */
    public record Side(List<Integer> nodes, boolean majority) {
    }

    private final Map<Integer, NodeState> nodes = new TreeMap<>();
    private final Map<Integer, Map<Integer, Liveness>> opinions = new TreeMap<>();

    void accept(NodeEvent event) {
        int id = event.node();
        NodeState before = known(id);
        if (event instanceof NodeEvent.Lifecycle e && e.stage() == NodeEvent.Lifecycle.Stage.STOPPED) {
            nodes.put(id, new NodeState(id, false, Role.FOLLOWER, 0, before.epoch()));
            opinions.remove(id);
            return;
        }
        NodeState now = new NodeState(id, true, before.role(), before.leaderId(), before.epoch());
        if (event instanceof NodeEvent.RoleChanged e) {
            now = new NodeState(id, true, e.role(), e.leaderId(), Math.max(before.epoch(), e.epoch()));
        } else if (event instanceof NodeEvent.EpochChanged e) {
            now = new NodeState(id, true, before.role(), e.leaderId(), Math.max(before.epoch(), e.to()));
        } else if (event instanceof NodeEvent.SuspicionChanged e) {
            known(e.peer());
            opinions.computeIfAbsent(id, k -> new TreeMap<>()).put(e.peer(), e.to());
        } else if (event instanceof NodeEvent.MessageSent e) {
            known(e.to());
        } else if (event instanceof NodeEvent.MessageReceived e) {
            known(e.from());
        } else if (event instanceof NodeEvent.MembershipChanged e) {
            e.members().forEach(this::known);
        }
        nodes.put(id, now);
    }

    void accept(NodeReport report) {
        int id = report.nodeId();
        nodes.put(id, new NodeState(id, true, report.role(), report.leaderId(), report.epoch()));
        Map<Integer, Liveness> seen = opinions.computeIfAbsent(id, k -> new TreeMap<>());
        report.peers().values().forEach(peer -> {
            known(peer.id());
            seen.put(peer.id(), peer.liveness());
        });
    }

    private NodeState known(int id) {
        return nodes.computeIfAbsent(id, k -> new NodeState(k, true, Role.FOLLOWER, 0, 0));
    }

    /** Every node heard of, in id order. */
    public List<Integer> ids() {
        return List.copyOf(nodes.keySet());
    }

    public NodeState node(int id) {
        return nodes.get(id);
    }

    /** The worst opinion a running peer holds of {@code id} (ALIVE when nobody doubts it). */
    public Liveness liveness(int id) {
        Liveness worst = Liveness.ALIVE;
        for (Map.Entry<Integer, Map<Integer, Liveness>> observer : opinions.entrySet()) {
            NodeState holder = nodes.get(observer.getKey());
            Liveness opinion = observer.getValue().get(id);
            if (holder != null && holder.running() && opinion != null && opinion.compareTo(worst) > 0) {
                worst = opinion;
            }
        }
        return worst;
    }

    /** The running nodes that hold {@code id} SUSPECTED or DEAD. */
    public List<Integer> doubtedBy(int id) {
        List<Integer> doubters = new ArrayList<>();
        opinions.forEach((observer, seen) -> {
            Liveness opinion = seen.get(id);
            if (nodes.get(observer).running() && opinion != null && opinion != Liveness.ALIVE) {
                doubters.add(observer);
            }
        });
        return doubters;
    }

    /**
     * Why nodes cannot commit, one line per running node that reaches fewer than a majority of the nodes known
     * (itself and the peers it holds alive): what a class sees when a minority is cut off.
     */
    public List<String> withoutMajority() {
        int total = nodes.size();
        int quorum = total / 2 + 1;
        List<String> lines = new ArrayList<>();
        opinions.forEach((id, seen) -> {
            NodeState node = nodes.get(id);
            long reaches = 1 + seen.entrySet().stream()
                .filter(peer -> peer.getValue() == Liveness.ALIVE && nodes.containsKey(peer.getKey())).count();
            if (node != null && node.running() && reaches < quorum) {
                lines.add("n" + id + " reaches " + reaches + " of " + total + " nodes (itself included): no majority ("
                    + quorum + " needed), so nothing placed through it can commit; its players hear NO_QUORUM");
            }
        });
        return lines;
    }

    /**
     * The sides running nodes fall into, smallest id first: one while every running node holds every other
     * reachable, several in a partition (each side declared the others dead). Crashed nodes are on no side.
     */
    public List<Side> sides() {
        return sides(opinions, nodes.values().stream().filter(NodeState::running).map(NodeState::id).toList(),
            nodes.size());
    }

    /**
     * The sides {@code running} nodes fall into, given each node's opinions of its peers: two nodes are on one side
     * unless one declared the other dead. A side is a majority when it holds more than half of {@code known} nodes.
     */
    public static List<Side> sides(Map<Integer, Map<Integer, Liveness>> opinions, List<Integer> running, int known) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int id : running) {
            List<List<Integer>> joined = groups.stream().filter(group -> group.stream()
                .anyMatch(other -> reachable(opinions, id, other))).toList();
            List<Integer> merged = new ArrayList<>(List.of(id));
            joined.forEach(merged::addAll);
            groups.removeAll(joined);
            merged.sort(Integer::compare);
            groups.add(merged);
        }
        groups.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        int quorum = known / 2 + 1;
        return groups.stream().map(group -> new Side(List.copyOf(group), group.size() >= quorum)).toList();
    }

    /** Neither node has declared the other dead. */
    private static boolean reachable(Map<Integer, Map<Integer, Liveness>> opinions, int a, int b) {
        return opinion(opinions, a, b) != Liveness.DEAD && opinion(opinions, b, a) != Liveness.DEAD;
    }

    private static Liveness opinion(Map<Integer, Map<Integer, Liveness>> opinions, int observer, int peer) {
        return opinions.getOrDefault(observer, Map.of()).getOrDefault(peer, Liveness.ALIVE);
    }

    /** The running nodes that have declared {@code id} dead (for a node that still runs: it is cut off from them). */
    public List<Integer> declaredDeadBy(int id) {
        return nodes.values().stream().filter(n -> n.running() && n.id() != id && opinion(opinions, n.id(), id) == Liveness.DEAD)
            .map(NodeState::id).toList();
    }

    /** Running nodes that believe they lead, newest epoch first (two means a stale leader has not heard yet). */
    public List<NodeState> leaders() {
        return nodes.values().stream().filter(n -> n.running() && n.role() == Role.LEADER)
            .sorted((a, b) -> Long.compare(b.epoch(), a.epoch())).toList();
    }
}
