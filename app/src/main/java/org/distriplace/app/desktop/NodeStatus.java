package org.distriplace.app.desktop;

import java.util.Locale;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.core.node.NodeReport;

/**
 * What the status bar says about the embedded node, worded for players: who this node is, who leads, the epoch,
 * which peers are alive, and the address a browser opens to join through this node.
 */
public record NodeStatus(String node, String leader, String epoch, String peers, String url, boolean healthy) {

    /** The status from a node's report. */
    public static NodeStatus of(NodeReport report, String url) {
        String node = "Node " + report.nodeId() + " · " + (!report.member() ? "waiting to be admitted"
            : roleName(report.role()) + (report.ready() ? "" : " (joining)"));
        String leader;
        if (report.leaderId() == 0) {
            leader = "No leader (election under way)";
        } else if (report.leaderId() == report.nodeId()) {
            leader = report.leaderActive() ? "Leading" : "Taking over as leader";
        } else {
            leader = "Leader: node " + report.leaderId();
        }
        long alive = report.peers().values().stream().filter(p -> p.liveness() == Liveness.ALIVE).count();
        int total = report.peers().size();
        String peers = total == 0 ? "No peers (a cluster of one)"
            : String.format(Locale.ROOT, "Peers: %d of %d alive", alive, total);
        boolean majority = 2 * (alive + 1) > total + 1;
        return new NodeStatus(node, leader, "Epoch " + report.epoch(), peers, url,
            report.member() && report.ready() && majority && report.leaderId() != 0);
    }

    private static String roleName(Role role) {
        return switch (role) {
            case LEADER -> "leader";
            case CANDIDATE -> "candidate";
            case FOLLOWER -> "follower";
        };
    }
}
