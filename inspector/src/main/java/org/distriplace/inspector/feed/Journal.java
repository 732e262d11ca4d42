package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.sim.Simulation;

/**
 * What a presenter did to a simulated cluster, and when: each action with the number of events that had run
 * before it. A simulation is deterministic, so a fresh one of the same seed, fed the same actions at the same
 * points, goes through exactly the same states: that is how the demo steps back (DSLabs-style time travel).
 */
final class Journal {

    private record Action(long atEvent, Runnable act) {
    }

    private final List<Action> actions = new ArrayList<>();

    /** Records {@code act}, done now that {@code atEvent} events have run. */
    void record(long atEvent, Runnable act) {
        actions.add(new Action(atEvent, act));
    }

    /** Forgets what was done after {@code events} events: going back in time drops that future. */
    void forgetAfter(long events) {
        actions.removeIf(action -> action.atEvent() > events);
    }

    /** Runs {@code fresh} (built as the original was) to {@code events} events, doing each action at its point. */
    void replay(Simulation fresh, long events) {
        int next = 0;
        while (true) {
            while (next < actions.size() && actions.get(next).atEvent() <= fresh.eventsRun()) {
                actions.get(next++).act().run();
            }
            if (fresh.eventsRun() >= events || !fresh.step()) {
                return;
            }
        }
    }
}
