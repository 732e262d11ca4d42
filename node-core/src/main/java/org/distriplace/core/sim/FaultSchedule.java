package org.distriplace.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.distriplace.core.fault.LinkConditions;

/**
 * The safety phase's faults: at random moments (exponential gaps) one of the chosen kinds strikes: a crash or a
 * restart, a partition or its healing, or a change to one link or all (loss, delay, duplication, reordering).
 * Everything is drawn from the simulation's seeded random, in order, so a seed replays.
 */
final class FaultSchedule {

    private final Simulation simulation;
    private final Random random;

    FaultSchedule(Simulation simulation, Random random) {
        this.simulation = simulation;
        this.random = random;
    }

    /** Queues the faults of the whole safety phase. */
    void schedule(EventQueue queue, ScenarioOptions options) {
        if (options.faults().isEmpty()) {
            return;
        }
        List<Faults> kinds = List.copyOf(options.faults());
        long at = EventQueue.exponential(random, options.meanFaultGapMs());
        while (at < options.safetyMs()) {
            Faults kind = kinds.get(random.nextInt(kinds.size()));
            queue.scheduleAt(at, () -> inject(kind));
            at += EventQueue.exponential(random, options.meanFaultGapMs());
        }
    }

    private void inject(Faults kind) {
        List<Integer> ids = simulation.nodeIds();
        SimNetwork network = simulation.network();
        switch (kind) {
            case CRASH -> {
                List<Integer> up = ids.stream().filter(simulation::isUp).toList();
                List<Integer> down = ids.stream().filter(id -> !simulation.isUp(id)).toList();
                if (!down.isEmpty() && (up.isEmpty() || random.nextBoolean())) {
                    simulation.restart(down.get(random.nextInt(down.size())));
                } else if (!up.isEmpty()) {
                    simulation.crash(up.get(random.nextInt(up.size())));
                }
            }
            case PARTITION -> {
                if (network.partitioned() && random.nextBoolean()) {
                    simulation.healPartition();
                } else {
                    simulation.partition(randomGroups(ids));
                }
            }
            case DROP -> changeLinks(kind, link -> link.withDrop(pick(0.0, 0.05, 0.1, 0.25, 0.5)));
            case DELAY -> {
                long max = (long) pick(5, 50, 200, 1_000);
                changeLinks(kind, link -> link.withDelay(1, max));
            }
            case DUPLICATE -> changeLinks(kind, link -> link.withDuplicate(pick(0.0, 0.05, 0.2)));
            case REORDER -> changeLinks(kind, link -> link.withReorder(random.nextBoolean()));
        }
    }

    private void changeLinks(Faults kind, UnaryOperator<LinkConditions> change) {
        List<Integer> ids = simulation.nodeIds();
        SimNetwork network = simulation.network();
        if (ids.size() > 1 && random.nextBoolean()) {
            int from = ids.get(random.nextInt(ids.size()));
            int to = ids.get(random.nextInt(ids.size()));
            LinkConditions link = change.apply(network.conditions(from, to));
            simulation.trace("LINK n" + from + "->n" + to + " " + kind + " " + link);
            network.setLink(from, to, link);
        } else {
            LinkConditions link = change.apply(network.defaults());
            simulation.trace("LINKS all " + kind + " " + link);
            network.setAllLinks(link);
        }
    }

    private Map<Integer, Integer> randomGroups(List<Integer> ids) {
        Map<Integer, Integer> groups = new HashMap<>();
        int minority = 1 + random.nextInt(Math.max(1, ids.size() / 2));
        List<Integer> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); i++) {
            groups.put(shuffled.get(i), i < minority ? 1 : 0);
        }
        return new TreeMap<>(groups);
    }

    private double pick(double... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
