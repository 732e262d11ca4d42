package org.distriplace.inspector.view;

import java.util.Optional;
import org.distriplace.inspector.model.Flight;

/**
 * A message as the space-time diagram draws it: a segment from its send on the sender's lane to its receipt on the
 * receiver's, to where it has got by now (in flight), or, lost, to a cross short of the receiver at its send time
 * plus the typical latency: when it would have arrived.
 *
 * @param endsAt the cluster time at the segment's end: receipt, the present, or send plus the typical latency
 * @param lost   why it is drawn as lost, or null when it is not
 */
record FlightShape(Flight flight, Ending ending, double x1, double y1, double x2, double y2, long endsAt,
                   String lost) {

    /** How the segment ends. */
    enum Ending { RECEIVED, IN_FLIGHT, LOST }

    /** How far short of the receiver's lane a lost message's cross is drawn, in gaps between neighbouring lanes. */
    static final double LOST_SHORT = 0.3;
    /** An unanswered message older than this many typical latencies is presumed lost. */
    static final long OVERDUE_LATENCIES = 10;
    /**
     * ...and never sooner than this: a healthy cluster's messages can wait that long behind a busy node (a class saw
     * crosses come and go at 100 ms), while a cut link's messages still show their cross within a second.
     */
    static final long OVERDUE_MIN_MS = 1_000;

    /**
     * The segment of {@code f} in {@code frame} at cluster time {@code now}; empty when either end's node has no
     * lane, or the message lies wholly outside the time shown.
     *
     * @param typicalMs    the usual send-to-receipt time (the model's running average)
     * @param receiverDown the receiver is down now, so an unanswered message to it will never arrive
     */
    static Optional<FlightShape> of(Flight f, SpaceTimeFrame frame, long now, long typicalMs, boolean receiverDown) {
        double from = frame.laneX(f.from());
        double to = frame.laneX(f.to());
        if (Double.isNaN(from) || Double.isNaN(to)) {
            return Optional.empty();
        }
        Ending ending = f.delivered() ? Ending.RECEIVED
            : f.lost() || receiverDown || overdue(f, now, typicalMs) ? Ending.LOST : Ending.IN_FLIGHT;
        long endsAt = switch (ending) {
            case RECEIVED -> f.receivedAt();
            case LOST -> f.sentAt() + typicalMs;
            case IN_FLIGHT -> Math.max(f.sentAt(), now);
        };
        if (endsAt < frame.startMs() || f.sentAt() > frame.endMs()) {
            return Optional.empty();
        }
        double x2 = switch (ending) {
            case RECEIVED -> to;
            // Just short of the receiver's lane, whichever lane it came from: it was headed there, never got there.
            case LOST -> to - Math.signum(to - from) * Math.min(Math.abs(to - from) * LOST_SHORT,
                frame.laneGap() * LOST_SHORT);
            // Moving as a typical message would; a late one waits short of the receiver.
            case IN_FLIGHT -> from + (to - from)
                * Math.max(0, Math.min(0.9, (double) (now - f.sentAt()) / Math.max(1, typicalMs)));
        };
        String lost = ending == Ending.LOST ? lostBecause(f, now, typicalMs, receiverDown) : null;
        return Optional.of(new FlightShape(f, ending, from, frame.y(f.sentAt()), x2, frame.y(endsAt), endsAt, lost));
    }

    /** Why an unanswered message counts as lost, or null while it may still arrive. */
    private static String lostBecause(Flight f, long now, long typicalMs, boolean receiverDown) {
        if (f.delivered()) {
            return null;
        }
        if (f.lost()) {
            return "lost: no receipt came in time";
        }
        if (receiverDown) {
            return "lost: n" + f.to() + " is down";
        }
        return overdue(f, now, typicalMs)
            ? "presumed lost: no receipt after " + TimeAxis.duration(now - f.sentAt()) : null;
    }

    /** Unanswered for longer than a late message could take. */
    private static boolean overdue(Flight f, long now, long typicalMs) {
        return !f.delivered() && now - f.sentAt() > Math.max(OVERDUE_MIN_MS, OVERDUE_LATENCIES * typicalMs);
    }

    /** How far the point (x, y) is from the segment, in pixels. */
    double distanceTo(double x, double y) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length2));
        return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
    }

    /** What the hover label says: kind and summary, sender and receiver, when sent and received (or lost). */
    String label() {
        Flight f = flight;
        String what = f.summary() == null || f.summary().isBlank() || f.summary().equals(f.kind().name())
            ? f.kind().name() : f.kind() + "  " + f.summary();
        String sent = "sent " + TimeAxis.label(f.sentAt(), 1);
        String end = switch (ending) {
            case RECEIVED -> "received " + TimeAxis.label(f.receivedAt(), 1) + " ("
                + TimeAxis.duration(f.receivedAt() - f.sentAt()) + ")";
            case IN_FLIGHT -> "in flight, no receipt yet";
            case LOST -> lost;
        };
        return what + "\nn" + f.from() + " → n" + f.to() + "\n" + sent + ", " + end;
    }
}
