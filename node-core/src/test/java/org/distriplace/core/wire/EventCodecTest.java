package org.distriplace.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.ShardReport;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static List<NodeEvent> oneOfEach() {
        PixelWrite write = new PixelWrite(3, 4, Color.of("#FF4500"), "ada", 2, 7, 1_000, 5,
            VectorClock.of(Map.of(5, 9L, 2, 1L)));
        return List.of(
            new NodeEvent.MessageSent(10, 1, 2, MessageKind.PREPARE, "3/4 (1 writes)"),
            new NodeEvent.MessageReceived(12, 2, 1, MessageKind.PREPARE, "3/4 (1 writes)"),
            new NodeEvent.HeartbeatReceived(13, 2, 1, 3, 5),
            new NodeEvent.SuspicionChanged(14, 2, 4, Liveness.ALIVE, Liveness.SUSPECTED),
            new NodeEvent.ElectionStep(15, 3, NodeEvent.ElectionStep.Step.WON, 4, 0, ""),
            new NodeEvent.EpochChanged(16, 3, 3, 4, 3),
            new NodeEvent.RoleChanged(17, 3, Role.LEADER, 3, 4),
            new NodeEvent.CommitPhase(18, 3, 4, 1, NodeEvent.CommitPhase.Phase.COMMIT, 1, List.of(3, 1), List.of(2), 0),
            new NodeEvent.Committed(19, 1, 4, 1, 3, List.of(write)),
            new NodeEvent.MembershipChanged(20, 1, 1, List.of(1, 2, 3, 4)),
            new NodeEvent.SyncStep(21, 1, 2, NodeEvent.SyncStep.Kind.DELTA_APPLIED, 4, 0),
            new NodeEvent.Lifecycle(22, 1, NodeEvent.Lifecycle.Stage.READY, "caught up"),
            new NodeEvent.PlacementFailed(23, 1, "bob", "COOLDOWN", "wait 3 s"),
            new NodeEvent.ClientsTold(24, 1, 2, List.of(write.dot())),
            new NodeEvent.InGroup(3, new NodeEvent.EpochChanged(25, 2, 1, 2, 2)));
    }

    @Test
    void everyKindOfEventSurvivesTheRoundTripOnOneLine() {
        List<NodeEvent> events = oneOfEach();
        assertEquals(NodeEvent.class.getPermittedSubclasses().length, events.size(), "one of each event type");
        for (NodeEvent event : events) {
            String line = codec.encode(event);
            assertFalse(line.contains("\n"), line);
            assertEquals(event, codec.decode(line), line);
        }
    }

    @Test
    void linesThatAreNotEventsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"type\":\"Nope\"}"))
            .getMessage().contains("Nope"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("not json"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("null"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"type\":\"RoleChanged\",\"at\":1}"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> codec.decode(" ".repeat(EventCodec.MAX_LINE_CHARS + 1))).getMessage().contains("exceeds"));
    }

    @Test
    void aReportSurvivesTheRoundTripAsTextAndAsPartOfALargerFrame() throws Exception {
        NodeReport report = new NodeReport(1_000, 3, Role.LEADER, 3, 4, 4, true, true,
            Map.of(1, new NodeReport.PeerView(1, Liveness.ALIVE, 120), 2, new NodeReport.PeerView(2, Liveness.DEAD, -1)),
            VectorClock.of(Map.of(3, 12L)), "00ff00ff00ff00ff", 12, new NodeReport.Proposal(4, 9, 2, 1, 0, 15), 1, 0, 0,
            32, 32, new Membership(2, new TreeMap<>(Map.of(1, "a:1", 2, "b:2", 3, "c:3"))), true,
            false, new NodeReport.Timing(1_000, 2_000, 3_000),
            List.of(new ShardReport(0, 0, 0, 10, 10, List.of(1, 2, 3), 3, 4, 8, true)));
        String json = codec.encodeReport(report);
        assertEquals(report, codec.decodeReport(json));
        JsonNode frame = new ObjectMapper().readTree("{\"type\":\"report\",\"report\":" + json + "}");
        assertEquals(report, codec.decodeReport(frame.get("report")));
        assertThrows(IllegalArgumentException.class, () -> codec.decodeReport("{\"at\":1}"));
        assertThrows(IllegalArgumentException.class, () -> codec.decodeReport(frame.get("missing")));
    }

    @Test
    void eventsInsideALargerFrameDecodeAsOnTheirOwnLines() throws Exception {
        String array = oneOfEach().stream().map(codec::encode).collect(Collectors.joining(",", "[", "]"));
        JsonNode events = new ObjectMapper().readTree(array);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(oneOfEach().get(i), codec.decode(events.get(i)));
        }
        assertThrows(IllegalArgumentException.class,
            () -> codec.decode(new ObjectMapper().readTree("{\"type\":\"Nope\"}")));
    }
}
