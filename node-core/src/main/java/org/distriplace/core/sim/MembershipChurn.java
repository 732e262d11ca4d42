package org.distriplace.core.sim;

import java.util.List;
import java.util.Random;
import org.distriplace.core.model.Membership;

/**
 * Members coming and going at random moments of the safety phase, under every fault: joiners start outside the
 * cluster and ask in; a leaver asks for its own removal and stops for good once it is removed or its leave times
 * out; an operator asks a random live member to remove another member (up, down, or cut off). Drawn from random
 * streams of their own, so scenarios without churn replay as they always did.
 */
final class MembershipChurn {

    /** How long a leaver or an operator waits for the removal to commit. */
    static final long TIMEOUT_MS = 10_000;

    private final Simulation simulation;
    private final long seed;
    private final Random random;

    MembershipChurn(Simulation simulation, long seed) {
        this.simulation = simulation;
        this.seed = seed;
        this.random = new Random(seed ^ 0x6c65617665L);
    }

    /** Queues the joins, leaves and removals of the whole safety phase. */
    void schedule(ScenarioOptions options) {
        ScenarioOptions.Churn churn = options.churn();
        Random joins = new Random(seed ^ 0x6a6f696eL);
        for (int id = options.nodes() + 1; id <= options.nodes() + churn.joiners(); id++) {
            int joiner = id;
            simulation.schedule((long) (joins.nextDouble() * Math.max(1, options.safetyMs())), "n" + joiner
                + " starts outside the cluster", () -> {
                    simulation.trace("JOINER n" + joiner + " starts outside the cluster");
                    simulation.restart(joiner);
                });
        }
        for (int i = 0; i < churn.leavers(); i++) {
            simulation.schedule(at(options), "a member leaves", this::leave);
        }
        for (int i = 0; i < churn.removals(); i++) {
            simulation.schedule(at(options), "an operator removes a member", this::remove);
        }
    }

    private long at(ScenarioOptions options) {
        return (long) (random.nextDouble() * Math.max(1, options.safetyMs()));
    }

    private void leave() {
        List<Integer> members = simulation.liveMembers();
        if (members.isEmpty()) {
            return;
        }
        int leaver = members.get(random.nextInt(members.size()));
        simulation.trace("LEAVE n" + leaver + " asks to be removed");
        simulation.leave(leaver, TIMEOUT_MS).whenComplete((config, error) -> {
            simulation.trace("LEAVE n" + leaver + (error == null ? " removed in configuration " + config.version()
                : " not removed (" + error.getMessage() + ")") + "; it stops for good");
            simulation.depart(leaver);
        });
    }

    private void remove() {
        List<Integer> asked = simulation.liveMembers();
        if (asked.isEmpty()) {
            return;
        }
        int through = asked.get(random.nextInt(asked.size()));
        Membership config = simulation.report(through).membership();
        List<Integer> others = config.members().stream().filter(id -> id != through).toList();
        if (others.isEmpty()) {
            return;
        }
        int target = others.get(random.nextInt(others.size()));
        simulation.trace("REMOVE n" + target + " asked of n" + through);
        simulation.removeMember(through, target, TIMEOUT_MS).whenComplete((removed, error) ->
            simulation.trace("REMOVE n" + target + (error == null ? " done in configuration " + removed.version()
                : " refused: " + error.getMessage())));
    }
}
