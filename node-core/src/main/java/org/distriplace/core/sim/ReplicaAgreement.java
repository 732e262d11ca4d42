package org.distriplace.core.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.node.NodeEngine;

/**
 * Whether the simulated replicas agree: every node that takes part (not gone for good, not removed) and is up is
 * ready, with the same version and state hash of every shard (replicas and learners alike), and configuration (invariant 1 once the network healed), and a line
 * saying how they differ when they do not.
 */
final class ReplicaAgreement {

    private final Map<Integer, SimNode> nodes;

    ReplicaAgreement(Map<Integer, SimNode> nodes) {
        this.nodes = nodes;
    }

    /** True when every node that takes part is up and ready, with the same version, state hash and configuration. */
    boolean everyNode() {
        return nodes.values().stream().filter(SimNode::participates).allMatch(SimNode::isUp) && amongLive();
    }

    /**
     * True when every node up that takes part is ready, with the same version, state hash and configuration, and
     * every shard holds its target replicas (the moves are done).
     */
    boolean amongLive() {
        List<SimNode> live = nodes.values().stream().filter(n -> n.isUp() && n.participates()).toList();
        return live.stream().allMatch(n -> n.engine().isReady() && n.engine().shardsSettled())
            && live.stream().map(n -> versions(n.engine().replicas())).distinct().count() == 1
            && live.stream().map(n -> hashes(n.engine().replicas())).distinct().count() == 1
            && live.stream().map(n -> n.engine().accountVersions()).distinct().count() == 1
            && live.stream().map(n -> n.engine().report().membership()).distinct().count() == 1;
    }

    /** Each shard's version, in shard order (the whole canvas's alone with one shard). */
    private static List<VectorClock> versions(List<Replica> replicas) {
        return replicas.stream().map(Replica::version).toList();
    }

    private static List<Long> hashes(List<Replica> replicas) {
        return replicas.stream().map(replica -> replica.canvas().stateHash()).toList();
    }

    /** True when every node up that takes part holds the same history (invariant 11, once the replicas agree). */
    boolean historiesAgree() {
        return nodes.values().stream().filter(n -> n.isUp() && n.participates())
            .map(n -> Arrays.toString(n.historyDigest())).distinct().count() <= 1;
    }

    /** How many writes each node up that takes part holds in its history. */
    String describeHistories() {
        StringBuilder text = new StringBuilder();
        nodes.forEach((id, node) -> {
            if (node.isUp() && node.participates()) {
                text.append(" n").append(id).append(" holds ").append(node.historyDigest()[0]).append(';');
            }
        });
        return text.toString();
    }

    /** Every node that takes part, by id (the durability check after convergence reads their replicas). */
    Map<Integer, NodeEngine> participants() {
        Map<Integer, NodeEngine> engines = new TreeMap<>();
        nodes.forEach((id, node) -> {
            if (node.participates()) {
                engines.put(id, node.engine());
            }
        });
        return engines;
    }

    /** The account book of every node up that takes part, by id. */
    Map<Integer, AccountBook> liveBooks() {
        return ofLive(NodeEngine::accounts);
    }

    /** How old the oldest cooldown grant kept by each node up that takes part is, by id. */
    Map<Integer, Long> liveGrantAges() {
        return ofLive(NodeEngine::oldestGrantAgeMs);
    }

    private <T> Map<Integer, T> ofLive(Function<NodeEngine, T> read) {
        Map<Integer, T> values = new TreeMap<>();
        nodes.forEach((id, node) -> {
            if (node.isUp() && node.participates()) {
                values.put(id, read.apply(node.engine()));
            }
        });
        return values;
    }

    /**
     * The liveness phase ended {@code boundMs} after healing without every check passing: which invariant that
     * breaks, the most basic first (no agreement, then histories that differ, then nodes that take no writes).
     */
    void failLiveness(InvariantChecker checker, long boundMs, java.util.Set<Integer> probesPending, long now) {
        if (!everyNode()) {
            checker.fail(Invariant.CONVERGENCE, "no agreement " + boundMs + " ms after healing: " + describe(), now);
        } else if (!historiesAgree()) {
            checker.fail(Invariant.HISTORIES, "replicas agree but their histories do not, " + boundMs
                + " ms after healing:" + describeHistories(), now);
        } else {
            checker.fail(Invariant.AVAILABLE, "no write committed through nodes " + probesPending + " within "
                + boundMs + " ms of healing", now);
        }
    }

    /** Each node's role, version, state hash and readiness, or that it is down. */
    String describe() {
        StringBuilder text = new StringBuilder();
        nodes.forEach((id, node) -> {
            if (!node.participates()) {
                text.append(" n").append(id).append(node.departed() ? " left;" : " removed;");
            } else if (!node.isUp()) {
                text.append(" n").append(id).append(" down;");
            } else {
                List<Replica> replicas = node.engine().replicas();
                text.append(String.format(Locale.ROOT, " n%d %s %s %s accounts %s ready=%s;", id,
                    node.engine().role(), node.engine().version(), replicas.stream()
                        .map(replica -> replica.canvas().stateHashHex()).collect(Collectors.joining("/")),
                    node.engine().accounts().version(), node.engine().isReady()));
            }
        });
        return text.toString();
    }
}
