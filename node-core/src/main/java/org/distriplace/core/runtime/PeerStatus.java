package org.distriplace.core.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.ShardReport;

/**
 * A peer's status from its {@link NodeReport}: ready when it is a member, caught up, and reaches a leader. The
 * cluster's body is what the page reads to say what a placement waits for (its leader, peers and members).
 *
 * @param report        the node's report
 * @param selfAddress   how peers reach this node ({@code host:port})
 * @param peerAddresses how this node names the peers it was configured with
 * @param conflicts     peers refused because their cluster-wide settings differ, each a sentence
 * @param sharding      how the cluster cuts its canvas, named in the cluster's body for nodes joining it
 */
public record PeerStatus(NodeReport report, String selfAddress, Map<Integer, String> peerAddresses,
                         List<String> conflicts, Sharding sharding) implements EngineStatus {

    /** How the cluster cuts its canvas (ADR 0017): a node joining it must cut it the same way. */
    public record Sharding(int columns, int rows, int replicas) {

        /** One shard: every member holds the whole canvas. */
        public static final Sharding ONE = new Sharding(1, 1, 3);
    }

    public PeerStatus {
        peerAddresses = Map.copyOf(peerAddresses);
        conflicts = List.copyOf(conflicts);
        Objects.requireNonNull(sharding, "sharding");
    }

    @Override
    public boolean ready() {
        return causes().isEmpty();
    }

    /** Why the node cannot serve; the conflicting peers are added, as they are likely why. */
    @Override
    public List<String> reasons() {
        List<String> reasons = causes();
        if (!reasons.isEmpty()) {
            reasons.addAll(conflicts);
        }
        return reasons;
    }

    private List<String> causes() {
        List<String> reasons = new ArrayList<>();
        if (report.removed()) {
            reasons.add("removed from the cluster (it left, or an operator removed it) and staying out: start it with "
                + "--rejoin to ask to join again");
        } else if (!report.member()) {
            reasons.add("not a member of the cluster yet: waiting to be admitted");
        }
        if (!report.ready()) {
            reasons.add("catching up with the cluster");
        }
        if (!leaderReachable()) {
            reasons.add("no leader known (an election is under way, or no majority is reachable)");
        }
        return reasons;
    }

    /** A leader this node names, and either is (and has finished taking over) or does not think dead. */
    private boolean leaderReachable() {
        if (report.leaderId() == 0) {
            return false;
        }
        if (report.leaderId() == report.nodeId()) {
            return report.leaderActive();
        }
        NodeReport.PeerView leader = report.peers().get(report.leaderId());
        return leader != null && leader.liveness() != Liveness.DEAD;
    }

    @Override
    public void describeReadiness(ObjectNode body) {
        body.put("member", report.member()).put("caughtUp", report.ready()).put("role", report.role().name())
            .put("epoch", report.epoch());
        if (report.leaderId() != 0) {
            body.put("leaderId", report.leaderId());
        } else {
            body.putNull("leaderId");
        }
        conflicts.forEach(body.putArray("conflicts")::add);
    }

    @Override
    public void describeCluster(ObjectNode body) {
        body.put("engine", "peer").put("nodeId", report.nodeId()).put("role", report.role().name())
            .put("leaderId", report.leaderId()).put("epoch", report.epoch()).put("ready", report.ready());
        ArrayNode peers = body.putArray("peers");
        report.peers().values().stream().sorted(Comparator.comparingInt(NodeReport.PeerView::id))
            .forEach(peer -> peers.addObject().put("id", peer.id())
                .put("address", peerAddresses.getOrDefault(peer.id(), ""))
                .put("status", peer.liveness().name()).put("lastHeardAgoMs", peer.lastHeardAgoMs()));
        body.put("member", report.member()).put("configVersion", report.membership().version());
        ArrayNode members = body.putArray("members");
        report.membership().peers().forEach((id, address) -> members.addObject().put("id", id)
            .put("peerAddress", !address.isEmpty() ? address
                : id == report.nodeId() ? selfAddress : peerAddresses.getOrDefault(id, "")));
        body.putObject("canvas").put("width", report.width()).put("height", report.height());
        ObjectNode version = body.putObject("version");
        report.version().asMap().forEach((id, counter) -> version.put(Integer.toString(id), counter));
        body.put("stateHash", report.stateHash()).put("committedWrites", report.committedWrites());
        ArrayNode held = body.putArray("shards");
        report.shards().stream().filter(ShardReport::replica).forEach(shard -> held.add(shard.id()));
        body.putObject("sharding").put("shards", sharding.columns() + "x" + sharding.rows())
            .put("replicas", sharding.replicas());
    }

    /** The shard map as this node holds it: its version is the cluster configuration's (ADR 0016). */
    @Override
    public void describeShards(ObjectNode body) {
        body.put("mapVersion", report.membership().version());
        ArrayNode shards = body.putArray("shards");
        for (ShardReport shard : report.shards()) {
            ObjectNode one = shards.addObject().put("id", shard.id()).put("x", shard.x()).put("y", shard.y())
                .put("width", shard.width()).put("height", shard.height());
            shard.replicas().forEach(one.putArray("replicas")::add);
            if (shard.leader() != 0) {
                one.put("leader", shard.leader());
            } else {
                one.putNull("leader");
            }
            one.put("epoch", shard.epoch()).put("committedWrites", shard.committedWrites());
        }
    }
}
