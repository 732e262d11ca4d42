package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a presenter did to a simulated cluster, and when: each action with the number of events that had run
 * before it. A simulation is deterministic, so a fresh one of the same seed, fed the same actions at the same
 * points, goes through exactly the same states: that is how the demo steps back (DSLabs-style time travel) and
 * how a run is branched. Actions take the cluster they act on, so one journal can be replayed into another.
 */
final class Journal {

    private record Action(long atEvent, Consumer<SimulatedCluster> act) {
    }

    private final List<Action> actions = new ArrayList<>();

    /** Records {@code act}, done now that {@code atEvent} events have run. */
    void record(long atEvent, Consumer<SimulatedCluster> act) {
        actions.add(new Action(atEvent, act));
    }

    /** Forgets what was done after {@code events} events: going back in time drops that future. */
    void forgetAfter(long events) {
        actions.removeIf(action -> action.atEvent() > events);
    }

    /** A journal with the same actions, to grow apart from this one (a branch of the run). */
    Journal copy() {
        Journal copy = new Journal();
        copy.actions.addAll(actions);
        return copy;
    }

    /**
     * Runs {@code fresh}'s simulation (built as the original was) to {@code events} events, doing each action on
     * {@code fresh} at its point.
     */
    void replay(SimulatedCluster fresh, long events) {
        int next = 0;
        while (true) {
            while (next < actions.size() && actions.get(next).atEvent() <= fresh.eventsRun()) {
                actions.get(next++).act().accept(fresh);
            }
            if (fresh.eventsRun() >= events || !fresh.stepQuietly()) {
                return;
            }
        }
    }
}
