package org.distriplace.inspector.feed;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distriplace.core.event.Role;
import org.distriplace.core.sim.Simulation;

/**
 * Demo mode's ready-made scenarios, played on one simulation: each starts now and queues its later steps as labelled
 * events (they show in "next"), and paints as a teacher would. One per simulation: a replayed or branched run gets
 * its own, so its teacher's pixels are numbered from the start again.
 */
final class ScenarioPresets {

    private final Simulation simulation;
    private int placements;

    ScenarioPresets(Simulation simulation) {
        this.simulation = simulation;
    }

    void start(Scenario scenario) {
        Optional<Integer> leader = leader();
        List<Integer> followers = running().stream().filter(id -> leader.map(l -> l != id).orElse(true)).toList();
        int minority = (simulation.nodeIds().size() - 1) / 2;
        switch (scenario) {
            case LEADER_CRASH -> leader.ifPresent(simulation::crash);
            case PARTITION_AND_HEAL -> {
                Set<Integer> cut = Set.copyOf(followers.subList(0, Math.min(minority, followers.size())));
                cutOff(cut, 10_000);
            }
            case SPLIT_BRAIN -> {
                Set<Integer> cut = new TreeSet<>(followers.subList(0,
                    Math.min(Math.max(0, minority - 1), followers.size())));
                leader.ifPresent(cut::add);
                cutOff(cut, 12_000);
                leader.ifPresent(old -> {
                    for (int i = 1; i <= 5; i++) {
                        simulation.schedule(i * 1_000L, "client paints through old leader n" + old,
                            () -> paint(old));
                    }
                });
            }
            case REJOIN_AFTER_MISSED_WRITES -> followers.stream().findFirst().ifPresent(victim -> {
                simulation.crash(victim);
                for (int i = 1; i <= 20; i++) {
                    simulation.schedule(i * 150L, "client paints while n" + victim + " is down", () ->
                        running().stream().findFirst().ifPresent(this::paint));
                }
                simulation.schedule(6_000, "restart n" + victim, () -> simulation.restart(victim));
            });
        }
    }

    /** Splits {@code simulation}'s nodes into {@code groups} that talk only among themselves. */
    static void partition(Simulation simulation, List<Set<Integer>> groups) {
        Map<Integer, Integer> groupOf = new TreeMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (int node : groups.get(g)) {
                groupOf.put(node, g);
            }
        }
        simulation.partition(groupOf);
    }

    private void cutOff(Set<Integer> minority, long forMs) {
        List<Integer> rest = simulation.nodeIds().stream().filter(id -> !minority.contains(id)).toList();
        partition(simulation, List.of(Set.copyOf(rest), minority));
        simulation.schedule(forMs, "heal the partition", simulation::healPartition);
    }

    /**
     * The running node that leads in the newest epoch, if any: one whose leadership a majority promised (a
     * candidate cut off in a minority may call itself leader, but never gets that far).
     */
    Optional<Integer> leader() {
        return running().stream().filter(id -> simulation.role(id) == Role.LEADER
                && simulation.report(id).leaderActive())
            .max(Comparator.comparingLong(simulation::epoch));
    }

    private List<Integer> running() {
        return simulation.nodeIds().stream().filter(simulation::isUp).toList();
    }

    private void paint(int node) {
        int size = simulation.options().canvasSize();
        int n = placements++;
        simulation.place(node, "teacher-" + n, (n * 7) % size, (n * 3 / size + n) % size,
            simulation.view(node).canvas().palette().color(n % 8));
    }
}
