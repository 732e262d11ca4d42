package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.message.MessageKind;
import org.distriplace.inspector.model.Flight;
import org.junit.jupiter.api.Test;

/** Where the space-time diagram draws a message: received, in flight, or lost with its cross. */
class FlightShapeTest {

    /** 100 ms from t = 1 s over 400 px below a 24 px header (4 px a millisecond); lanes at x 125, 275 and 425. */
    private static final SpaceTimeFrame FRAME = new SpaceTimeFrame(1_000, 100, 500, 424, List.of(1, 2, 3), 12, 50);
    private static final long TYPICAL = 25;

    private static Flight election(long receivedAt) {
        return new Flight(7, 1, 3, MessageKind.ELECTION, "epoch 4", 1_010, receivedAt, false);
    }

    @Test
    void aReceivedMessageRunsFromLaneToLane() {
        FlightShape shape = FlightShape.of(election(1_032), FRAME, 1_090, TYPICAL, false).orElseThrow();
        assertEquals(FlightShape.Ending.RECEIVED, shape.ending());
        assertEquals(125, shape.x1(), 1e-9);
        assertEquals(24 + 10 * 4, shape.y1(), 1e-9);
        assertEquals(425, shape.x2(), 1e-9);
        assertEquals(24 + 32 * 4, shape.y2(), 1e-9);
        assertEquals("ELECTION  epoch 4\nn1 → n3\nsent 1.010 s, received 1.032 s (22 ms)", shape.label());
    }

    @Test
    void aMessageToADownNodeEndsInACrossAtItsTypicalArrival() {
        FlightShape shape = FlightShape.of(election(-1), FRAME, 1_020, TYPICAL, true).orElseThrow();
        assertEquals(FlightShape.Ending.LOST, shape.ending());
        assertEquals(1_035, shape.endsAt());
        assertEquals(24 + 35 * 4, shape.y2(), 1e-9, "at send + typical latency, not the bottom edge");
        assertEquals(425 - 150 * FlightShape.LOST_SHORT, shape.x2(), 1e-9, "just short of the receiver's lane");
        assertTrue(shape.label().endsWith("lost: n3 is down"), shape.label());
        Flight back = new Flight(8, 3, 1, MessageKind.ANSWER, "", 1_010, -1, false);
        assertEquals(125 + 150 * FlightShape.LOST_SHORT, FlightShape.of(back, FRAME, 1_020, TYPICAL, true)
            .orElseThrow().x2(), 1e-9, "from the right, short on the right");
    }

    @Test
    void anUnansweredMessageIsInFlightUntilOverdueThenPresumedLost() {
        FlightShape young = FlightShape.of(election(-1), FRAME, 1_050, TYPICAL, false).orElseThrow();
        assertEquals(FlightShape.Ending.IN_FLIGHT, young.ending());
        assertEquals(125 + 300 * 0.9, young.x2(), 1e-9, "later than a typical one, still short of n3");
        assertEquals(24 + 50 * 4, young.y2(), 1e-9, "where it is now");
        assertNull(young.lost());

        FlightShape waiting = FlightShape.of(election(-1), FRAME, 1_200, TYPICAL, false).orElseThrow();
        assertEquals(FlightShape.Ending.IN_FLIGHT, waiting.ending(), "190 ms is a wait, not yet a loss");

        FlightShape old = FlightShape.of(election(-1), FRAME, 2_260, TYPICAL, false).orElseThrow();
        assertEquals(FlightShape.Ending.LOST, old.ending());
        assertEquals(24 + 35 * 4, old.y2(), 1e-9);
        assertTrue(old.label().contains("presumed lost: no receipt after 1.25 s"), old.label());

        Flight given = new Flight(7, 1, 3, MessageKind.ELECTION, "epoch 4", 1_010, -1, true);
        assertTrue(FlightShape.of(given, FRAME, 1_020, TYPICAL, false).orElseThrow().label().contains("lost"));
    }

    @Test
    void messagesOutsideTheWindowOrWithoutALaneAreNotDrawn() {
        assertTrue(FlightShape.of(new Flight(1, 1, 2, MessageKind.VOTE, "", 1_150, 1_170, false), FRAME, 1_200,
            TYPICAL, false).isEmpty(), "sent after the window");
        assertTrue(FlightShape.of(new Flight(1, 1, 2, MessageKind.VOTE, "", 900, 950, false), FRAME, 1_200,
            TYPICAL, false).isEmpty(), "received before it");
        assertTrue(FlightShape.of(new Flight(1, 1, 9, MessageKind.VOTE, "", 1_010, 1_020, false), FRAME, 1_200,
            TYPICAL, false).isEmpty(), "n9 has no lane");
        assertEquals("VOTE\nn1 → n2\nsent 0.990 s, received 1.020 s (30 ms)", FlightShape.of(new Flight(1, 1, 2,
            MessageKind.VOTE, "", 990, 1_020, false), FRAME, 1_200, TYPICAL, false).orElseThrow().label());
    }

    @Test
    void distancesAreMeasuredToTheSegmentNotItsLine() {
        FlightShape shape = new FlightShape(election(1_032), FlightShape.Ending.RECEIVED, 100, 100, 200, 100, 1_032,
            null);
        assertEquals(0, shape.distanceTo(150, 100), 1e-9);
        assertEquals(5, shape.distanceTo(150, 105), 1e-9);
        assertEquals(5, shape.distanceTo(95, 100), 1e-9, "past its start, to the end point");
        assertEquals(Math.hypot(3, 4), shape.distanceTo(204, 103), 1e-9);
    }
}
