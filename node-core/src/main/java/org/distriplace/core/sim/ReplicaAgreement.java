package org.distriplace.core.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.canvas.Replica;

/**
 * Whether the simulated replicas agree: every node that takes part (not gone for good, not removed) and is up is
 * ready, with the same version, state hash and configuration (invariant 1 once the network healed), and a line
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

    /** True when every node up that takes part is ready, with the same version, state hash and configuration. */
    boolean amongLive() {
        List<SimNode> live = nodes.values().stream().filter(n -> n.isUp() && n.participates()).toList();
        List<Replica> replicas = live.stream().map(n -> n.engine().replica()).toList();
        return live.stream().allMatch(n -> n.engine().isReady())
            && replicas.stream().map(Replica::version).distinct().count() == 1
            && replicas.stream().mapToLong(r -> r.canvas().stateHash()).distinct().count() == 1
            && live.stream().map(n -> n.engine().accounts().version()).distinct().count() == 1
            && live.stream().map(n -> n.engine().report().membership()).distinct().count() == 1;
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

    /** The replica of every node that takes part, by id (the durability check after convergence). */
    Map<Integer, Replica> replicas() {
        Map<Integer, Replica> replicas = new TreeMap<>();
        nodes.forEach((id, node) -> {
            if (node.participates()) {
                replicas.put(id, node.engine().replica());
            }
        });
        return replicas;
    }

    /** The account book of every node up that takes part, by id. */
    Map<Integer, AccountBook> liveBooks() {
        Map<Integer, AccountBook> books = new TreeMap<>();
        nodes.forEach((id, node) -> {
            if (node.isUp() && node.participates()) {
                books.put(id, node.engine().accounts());
            }
        });
        return books;
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
                Replica replica = node.engine().replica();
                text.append(String.format(Locale.ROOT, " n%d %s %s %s accounts %s ready=%s;", id,
                    node.engine().role(), replica.version(), replica.canvas().stateHashHex(),
                    node.engine().accounts().version(), node.engine().isReady()));
            }
        });
        return text.toString();
    }
}
