package org.distriplace.inspector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.node.NodeReport;
import org.distriplace.inspector.Script;
import org.junit.jupiter.api.Test;

class InspectorModelTest {

    private final InspectorModel model = new InspectorModel();

    private void play(List<NodeEvent> events, long until) {
        events.stream().filter(e -> e.at() <= until).forEach(model::accept);
    }

    @Test
    void theLeaderFollowsRoleChangesAndACrashLeavesOnlyTheNewOne() {
        play(Script.leaderCrash(), 1_200);
        assertEquals(List.of(3), model.cluster().leaders().stream().map(ClusterState.NodeState::id).toList());
        assertEquals(1, model.cluster().node(1).epoch());

        play(Script.leaderCrash().stream().filter(e -> e.at() > 1_200).toList(), Long.MAX_VALUE);
        assertFalse(model.cluster().node(3).running());
        assertEquals(List.of(2), model.cluster().leaders().stream().map(ClusterState.NodeState::id).toList());
        assertEquals(2, model.cluster().node(2).epoch());
        assertEquals(2, model.cluster().node(1).leaderId());
    }

    @Test
    void aCrashedNodeLooksAliveUntilAPeerDoubtsIt() {
        play(Script.leaderCrash(), 1_500);
        assertFalse(model.cluster().node(3).running());
        assertEquals(Liveness.ALIVE, model.cluster().liveness(3));
        play(Script.leaderCrash().stream().filter(e -> e.at() > 1_500).toList(), 5_100);
        assertEquals(Liveness.SUSPECTED, model.cluster().liveness(3));
        assertEquals(List.of(2), model.cluster().doubtedBy(3));
        model.accept(Script.leaderCrash().stream().filter(e -> e.at() == 7_100).findFirst().orElseThrow());
        assertEquals(Liveness.DEAD, model.cluster().liveness(3), "the worst opinion of a running peer");
    }

    @Test
    void sendsPairWithTheirReceiptsAndUnansweredOnesAreLostAfterThePatience() {
        play(Script.leaderCrash(), Long.MAX_VALUE);
        List<Flight> recent = model.messages().recent();
        Flight prepareTo2 = recent.stream().filter(f -> f.kind() == MessageKind.PREPARE && f.to() == 2)
            .findFirst().orElseThrow();
        assertEquals(1_100, prepareTo2.sentAt());
        assertEquals(1_125, prepareTo2.receivedAt());
        assertEquals(0.5, prepareTo2.progress(1_112, 5), 0.05);

        Flight toCrashed = recent.stream()
            .filter(f -> f.from() == 1 && f.to() == 3 && f.kind() == MessageKind.HEARTBEAT)
            .findFirst().orElseThrow();
        assertFalse(toCrashed.delivered());
        assertTrue(model.messages().inFlight(8_040, 200).contains(toCrashed), "still in flight");
        model.advanceTo(1_500 + InspectorModel.Limits.defaults().lostAfterMs() + 1);
        Flight lost = model.messages().recent().stream().filter(f -> f.seq() == toCrashed.seq()).findFirst()
            .orElseThrow();
        assertTrue(lost.lost());
        assertTrue(model.messages().inFlight(model.now(), 200).isEmpty());
    }

    @Test
    void roundsCollectEveryVoteAndTheDecision() {
        play(Script.leaderCrash(), Long.MAX_VALUE);
        List<CommitRound> rounds = model.rounds().newestFirst();
        assertEquals(2, rounds.size());
        CommitRound aborted = rounds.get(0);
        assertEquals("2/1", aborted.id());
        assertEquals(CommitRound.Outcome.ABORT, aborted.outcome());
        assertEquals(Map.of(2, CommitRound.Vote.YES, 1, CommitRound.Vote.NO), aborted.votes());
        CommitRound committed = rounds.get(1);
        assertEquals(3, committed.leader());
        assertEquals(2, committed.size());
        assertEquals(CommitRound.Outcome.COMMIT, committed.outcome());
        assertEquals(40, committed.durationMs());
        assertEquals(Map.of(1, CommitRound.Vote.YES, 2, CommitRound.Vote.YES, 3, CommitRound.Vote.YES),
            committed.votes(), "n2's yes came from its own VOTE_YES before the leader counted it");
    }

    @Test
    void heartbeatSilenceIsMeasuredAgainstTheReportedTimeouts() {
        play(Script.leaderCrash(), 1_200);
        model.accept(Script.report(1, 1_200, Role.FOLLOWER, 3, 1, Map.of(), Map.of(
            3, new NodeReport.PeerView(3, Liveness.ALIVE, 180), 2, new NodeReport.PeerView(2, Liveness.ALIVE, -1))));
        Heartbeats.Silence oneHearsThree = model.heartbeats().at(2_520).stream()
            .filter(s -> s.observer() == 1 && s.peer() == 3).findFirst().orElseThrow();
        assertEquals(1_500, oneHearsThree.silenceMs(), "last heard at 1 020, from the heartbeat event");
        assertEquals(0.5, oneHearsThree.ofFailureTimeout(), 1e-9);
        Heartbeats.Silence never = model.heartbeats().at(2_520).stream()
            .filter(s -> s.observer() == 1 && s.peer() == 2).findFirst().orElseThrow();
        assertEquals(-1, never.silenceMs());
    }

    @Test
    void vectorClockEntriesThatMovedAreHighlightedForAWhile() {
        model.accept(Script.report(1, 1_000, Role.FOLLOWER, 3, 1, Map.of(3, 4L, 1, 1L), Map.of()));
        model.accept(Script.report(1, 2_000, Role.FOLLOWER, 3, 1, Map.of(3, 6L, 1, 1L), Map.of()));
        model.accept(Script.report(2, 2_000, Role.FOLLOWER, 3, 1, Map.of(3, 6L, 2, 2L), Map.of()));
        assertEquals(List.of(1, 2, 3), model.clocks().entries());
        assertTrue(model.clocks().changedRecently(1, 3, 2_500, 1_000));
        assertFalse(model.clocks().changedRecently(1, 1, 2_500, 1_000), "unchanged");
        assertFalse(model.clocks().changedRecently(1, 3, 3_500, 1_000), "too long ago");
        assertEquals(7, model.clocks().rows().get(0).committedWrites());
    }

    @Test
    void theLogFiltersByTopicAndSearchesText() {
        play(Script.leaderCrash(), Long.MAX_VALUE);
        Set<Topic> all = EnumSet.allOf(Topic.class);
        assertEquals(Script.leaderCrash().size(), model.log().matching(all, "", 1_000).size());
        List<EventLog.Entry> elections = model.log().matching(EnumSet.of(Topic.ELECTION), "", 1_000);
        assertTrue(elections.stream().allMatch(e -> e.topic() == Topic.ELECTION));
        assertEquals(8, elections.size(), "four role changes, two election steps, two epoch changes");
        List<EventLog.Entry> won = model.log().matching(all, "WON", 1_000);
        assertEquals(1, won.size());
        assertTrue(won.get(0).text().contains("n2"));
        assertEquals(2, model.log().matching(all, "", 2).size(), "limited to the newest");
    }
}
