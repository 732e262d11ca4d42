package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.PixelWrite;

/**
 * Follow a pixel: the whole journey of the newest committed write at a pixel, from what the inspector heard. The
 * node a player placed it through, the forward to the leader, the PREPARE of its batch, each vote, the COMMIT, its
 * arrival on every replica and in the browsers of each (where the nodes tell their clients' frames: real nodes while
 * inspected), in time order, with the write's vector clock; and the messages that carried it, so the graph and the
 * space-time diagram can show them.
 *
 * @param write   the write followed
 * @param stops   what happened to it, in time order
 * @param flights the messages that carried it ({@link Flight#seq()})
 * @param reached the nodes that hold it (committed it, as far as the inspector heard)
 */
public record PixelJourney(PixelWrite write, List<Stop> stops, Set<Long> flights, Set<Integer> reached) {

    /** One moment of the journey: when, where, and what happened. */
    public record Stop(long at, int node, String what) {
    }

    /** The journey of the newest write committed at (x, y) that the inspector heard of, if any. */
    public static Optional<PixelJourney> of(InspectorModel model, int x, int y) {
        List<NodeEvent.Committed> commits = new ArrayList<>();
        List<NodeEvent.ClientsTold> told = new ArrayList<>();
        PixelWrite newest = null;
        for (NodeEvent event : model.log().events()) {
            if (event instanceof NodeEvent.ClientsTold t) {
                told.add(t);
            } else if (event instanceof NodeEvent.Committed c) {
                commits.add(c);
                for (PixelWrite write : c.writes()) {
                    if (write.x() == x && write.y() == y && (newest == null || write.stamp().isAfter(newest.stamp()))) {
                        newest = write;
                    }
                }
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        PixelWrite write = newest;
        List<Stop> stops = new ArrayList<>();
        Set<Long> flights = new TreeSet<>();
        Set<Integer> reached = new TreeSet<>();
        NodeEvent.Committed first = null;
        for (NodeEvent.Committed c : commits) {
            if (c.writes().stream().anyMatch(w -> w.dot().equals(write.dot()))) {
                first = first == null ? c : first;
                reached.add(c.node());
                stops.add(new Stop(c.at(), c.node(), "n" + c.node() + " holds it: committed in batch " + c.epoch()
                    + "/" + c.proposalId() + "; its version now counts " + write.dot()));
            }
        }
        for (NodeEvent.ClientsTold t : told) {
            if (t.dots().contains(write.dot())) {
                stops.add(new Stop(t.at(), t.node(), "n" + t.node() + " sent it to its " + t.clients()
                    + (t.clients() == 1 ? " browser" : " browsers") + " (a pixels frame of " + t.dots().size() + ")"));
            }
        }
        String batch = first.epoch() + "/" + first.proposalId();
        int leader = write.nodeId();
        for (Flight f : model.messages().recent()) {
            String what = step(f, write, leader, batch);
            if (what != null) {
                flights.add(f.seq());
                stops.add(new Stop(f.sentAt(), f.from(), what + (f.delivered() ? ""
                    : f.lost() ? " (lost)" : " (in flight)")));
            }
        }
        long start = stops.stream().mapToLong(Stop::at).min().orElse(first.at());
        // First at its time (the sort keeps ties in order): the journey starts where a player placed the pixel.
        stops.add(0, new Stop(start, write.origin(), "n" + write.origin() + " took " + write.color()
            + " at (" + x + "," + y + ") from " + write.user() + "; the leader n" + leader + " stamped it with the "
            + "vector clock " + write.vectorClock() + " (dot " + write.dot() + ")"));
        stops.sort(Comparator.comparingLong(Stop::at));
        return Optional.of(new PixelJourney(write, stops, flights, reached));
    }

    /** What {@code f} did for the write, or null if it was not part of its journey. */
    private static String step(Flight f, PixelWrite write, int leader, String batch) {
        if (f.kind() == MessageKind.PIXEL_UPDATE && f.from() == write.origin() && f.to() == leader
            && f.summary().endsWith("req " + write.requestId())) {
            return "n" + f.from() + " forwarded it to the leader n" + leader + " (PIXEL_UPDATE)";
        }
        if (f.kind() == MessageKind.PIXEL_UPDATES && f.from() == write.origin() && f.to() == leader
            && (f.summary() + ";").contains("req " + write.requestId() + ";")) {
            return "n" + f.from() + " forwarded it to the leader n" + leader + " (PIXEL_UPDATES: "
                + f.summary().substring(0, f.summary().indexOf(':')) + " of this tick)";
        }
        if (f.kind() == MessageKind.PREPARE && f.from() == leader && f.summary().startsWith(batch + " ")) {
            return "n" + leader + " proposed batch " + batch + " to n" + f.to() + " (PREPARE)";
        }
        if (f.kind() == MessageKind.VOTE && f.to() == leader && f.summary().startsWith(batch + " ")) {
            return "n" + f.from() + " voted " + (f.summary().endsWith("yes") ? "yes" : "no") + " on " + batch;
        }
        if (f.kind() == MessageKind.COMMIT && f.from() == leader && f.summary().equals(batch)) {
            return "n" + leader + " told n" + f.to() + " that " + batch + " committed (COMMIT)";
        }
        return null;
    }
}
