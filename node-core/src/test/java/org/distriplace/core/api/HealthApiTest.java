package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.runtime.PeerStatus;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.NodeReport;
import org.junit.jupiter.api.Test;

/** What makes a node ready to serve players, and the reasons it says when it is not. */
class HealthApiTest {

    private static NodeReport report(int self, Role role, int leader, boolean leaderActive, Liveness leaderSeen,
                                     boolean ready, boolean member) {
        return report(self, role, leader, leaderActive, leaderSeen, ready, member, false);
    }

    private static NodeReport report(int self, Role role, int leader, boolean leaderActive, Liveness leaderSeen,
                                     boolean ready, boolean member, boolean removed) {
        Map<Integer, NodeReport.PeerView> peers = new TreeMap<>();
        for (int peer : List.of(1, 2, 3)) {
            if (peer != self) {
                peers.put(peer, new NodeReport.PeerView(peer, peer == leader ? leaderSeen : Liveness.ALIVE, 10));
            }
        }
        return new NodeReport(1_000, self, role, leader, 4, 4, ready, leaderActive, peers, VectorClock.EMPTY,
            "00ff00ff00ff00ff", 0, null, 0, 0, 0, 8, 8,
            new Membership(1, new TreeMap<>(Map.of(1, "a:1", 2, "b:2", 3, "c:3"))), member,
            removed, new NodeReport.Timing(1_000, 2_000, 3_000), List.of());
    }

    private static JsonNode readiness(NodeReport report) {
        return HealthApi.readiness(report.nodeId(), new PeerStatus(report, "", Map.of(), List.of(),
            PeerStatus.Sharding.ONE));
    }

    private static List<String> reasons(JsonNode body) {
        return java.util.stream.StreamSupport.stream(body.path("reasons").spliterator(), false)
            .map(JsonNode::asText).toList();
    }

    @Test
    void aCaughtUpMemberThatHearsItsLeaderIsReady() {
        JsonNode follower = readiness(report(1, Role.FOLLOWER, 3, false, Liveness.ALIVE, true, true));
        assertTrue(follower.path("ready").asBoolean(), follower.toString());
        assertEquals(List.of(), reasons(follower));
        assertEquals(3, follower.path("leaderId").asInt());
        assertEquals("FOLLOWER", follower.path("role").asText());
        JsonNode leader = readiness(report(3, Role.LEADER, 3, true, Liveness.ALIVE, true, true));
        assertTrue(leader.path("ready").asBoolean(), leader.toString());
    }

    @Test
    void eachThingMissingIsSaid() {
        JsonNode leaderDead = readiness(report(1, Role.FOLLOWER, 3, false, Liveness.DEAD, true, true));
        assertEquals(false, leaderDead.path("ready").asBoolean());
        assertEquals(List.of("no leader known (an election is under way, or no majority is reachable)"),
            reasons(leaderDead));
        JsonNode suspected = readiness(report(1, Role.FOLLOWER, 3, false, Liveness.SUSPECTED, true, true));
        assertTrue(suspected.path("ready").asBoolean(), "a suspicion is not a death: " + suspected);
        JsonNode takingOver = readiness(report(3, Role.LEADER, 3, false, Liveness.ALIVE, true, true));
        assertEquals(1, reasons(takingOver).size(), "a leader still recovering: " + takingOver);

        JsonNode outsider = readiness(report(1, Role.FOLLOWER, 0, false, Liveness.ALIVE, false, false));
        assertEquals(List.of("not a member of the cluster yet: waiting to be admitted",
            "catching up with the cluster",
            "no leader known (an election is under way, or no majority is reachable)"), reasons(outsider));
        assertTrue(outsider.path("leaderId").isNull());
        JsonNode removed = readiness(report(1, Role.FOLLOWER, 3, false, Liveness.ALIVE, true, false, true));
        assertEquals(List.of("removed from the cluster (it left, or an operator removed it) and staying out: start it "
            + "with --rejoin to ask to join again"), reasons(removed), "the way back is named");
    }
}
