package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase.Phase;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.sim.Invariant;

/**
 * The simulator's invariants, checked live from what the inspector hears: the safety ones that events can show
 * (epochs only grow, one committing leader per epoch, one write per dot, a request commits once) on any cluster,
 * real or simulated; the first violation of each is kept with what shows it. The others need the whole cluster's
 * state (the simulated demo's own checker reports them). Plain Java; fed on the JavaFX thread.
 */
public final class LiveInvariants {

    /** The invariants events can show. */
    public static final List<Invariant> CHECKED = List.of(Invariant.EPOCHS, Invariant.ONE_LEADER, Invariant.DOTS,
        Invariant.ONCE);

    private final Map<Invariant, String> broken = new EnumMap<>(Invariant.class);
    private final Map<Integer, Long> epochs = new HashMap<>();
    private final Map<Long, Integer> committingLeader = new HashMap<>();
    private final Map<Dot, PixelWrite> dots = new HashMap<>();
    private final Map<String, Dot> requests = new HashMap<>();

    void accept(NodeEvent event) {
        if (event instanceof NodeEvent.EpochChanged e) {
            epoch(e.node(), e.to(), e.at());
        } else if (event instanceof NodeEvent.RoleChanged e) {
            epoch(e.node(), e.epoch(), e.at());
        } else if (event instanceof NodeEvent.CommitPhase e && e.phase() == Phase.COMMIT) {
            Integer earlier = committingLeader.putIfAbsent(e.epoch(), e.node());
            if (earlier != null && earlier != e.node()) {
                fail(Invariant.ONE_LEADER, "epoch " + e.epoch() + " has commits from n" + earlier + " and n" + e.node());
            }
        } else if (event instanceof NodeEvent.Committed e) {
            e.writes().forEach(write -> committed(write, e.node()));
        }
    }

    private void epoch(int node, long epoch, long at) {
        long before = epochs.getOrDefault(node, 0L);
        if (epoch < before) {
            fail(Invariant.EPOCHS, "n" + node + " went from epoch " + before + " back to " + epoch + " at "
                + at + " ms");
        }
        epochs.put(node, Math.max(before, epoch));
    }

    private void committed(PixelWrite write, int node) {
        PixelWrite known = dots.putIfAbsent(write.dot(), write);
        if (known != null && !sameWrite(known, write)) {
            fail(Invariant.DOTS, "dot " + write.dot() + " committed as " + known + " and, on n" + node + ", as "
                + write);
        }
        Dot first = requests.putIfAbsent(write.origin() + "/" + write.requestId(), write.dot());
        if (first != null && !first.equals(write.dot())) {
            fail(Invariant.ONCE, "request " + write.requestId() + " of n" + write.origin() + " committed twice, as "
                + first + " and " + write.dot());
        }
    }

    private static boolean sameWrite(PixelWrite a, PixelWrite b) {
        return a.x() == b.x() && a.y() == b.y() && a.color().equals(b.color()) && a.user().equals(b.user())
            && a.timestamp() == b.timestamp();
    }

    private void fail(Invariant invariant, String why) {
        broken.putIfAbsent(invariant, why);
    }

    /** What shows {@code invariant} broken, or null while it holds. */
    public String violation(Invariant invariant) {
        return broken.get(invariant);
    }

    /** The invariants broken so far, each with what shows it. */
    public List<String> violations() {
        List<String> lines = new ArrayList<>();
        broken.forEach((invariant, why) -> lines.add(invariant.number() + ". " + invariant.description() + ": "
            + why));
        return lines;
    }
}
