package org.distriplace.core.sim;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;

/**
 * The simulated clients: each user places a pixel (or, now and then, registers an account under one of a few
 * names, so names collide) through a random live node after a random think time, until the
 * writes settle after healing; then a probe through every node checks that the healed cluster commits writes
 * (liveness). They place through {@link Simulation#place}, as demo mode's painters do, so every committed answer
 * is checked by the invariants (probes are not counted as the clients' attempts).
 */
final class SimClients {

    /** One attempt in this many is a registration rather than a placement. */
    private static final int REGISTER_ONE_IN = 10;

    private final Simulation simulation;
    private final EventQueue queue;
    private final Random random;
    private final ScenarioOptions options;
    private final Palette palette;
    private final Set<Integer> probesPending = new TreeSet<>();

    SimClients(Simulation simulation, EventQueue queue, Random random, ScenarioOptions options, Palette palette) {
        this.simulation = simulation;
        this.queue = queue;
        this.random = random;
        this.options = options;
        this.palette = palette;
    }

    /** Starts every user's first think time. */
    void start() {
        for (int user = 1; user <= options.users(); user++) {
            String name = "user-" + user;
            queue.schedule(EventQueue.exponential(random, options.meanThinkMs()), name + " tries to paint",
                () -> attempt(name));
        }
    }

    private void attempt(String user) {
        if (queue.now() > options.safetyMs() + options.settleWritesMs()) {
            return;
        }
        List<Integer> up = simulation.nodeIds().stream().filter(simulation::isUp).toList();
        if (!up.isEmpty()) {
            int node = up.get(random.nextInt(up.size()));
            if (random.nextInt(REGISTER_ONE_IN) == 0) {
                // Few names for many players: some register one name through two nodes at once.
                String name = "player_" + random.nextInt(Math.max(2, options.users() / 2));
                simulation.changeAccount(node, AccountChange.register(name, "hash-of-" + user));
                queue.schedule(EventQueue.exponential(random, options.meanThinkMs()), user + " tries to paint",
                    () -> attempt(user));
                return;
            }
            int x = random.nextInt(options.canvasSize());
            int y = random.nextInt(options.canvasSize());
            Color color = palette.color(random.nextInt(palette.size()));
            simulation.place(node, user, x, y, color);
        }
        queue.schedule(EventQueue.exponential(random, options.meanThinkMs()), user + " tries to paint",
            () -> attempt(user));
    }

    /**
     * After healing, a write through every node must commit (liveness): retried until it does, or until a
     * cooldown refusal shows the leader took an earlier attempt.
     */
    void probe(int id) {
        if (!simulation.participates(id)) {
            probesPending.remove(id); // it left or was removed meanwhile: it takes no writes, rightly
            return;
        }
        probesPending.add(id);
        simulation.placeUncounted(id, "probe-" + id, id % options.canvasSize(), 0, palette.color(1))
            .whenComplete((ok, error) -> {
                boolean cooldown = error instanceof PlaceException refused && refused.code() == PlaceError.COOLDOWN;
                if (ok != null || cooldown) {
                    probesPending.remove(id);
                } else {
                    queue.schedule(500, "probe through n" + id, () -> probe(id));
                }
            });
    }

    /** Nodes whose probe has not committed yet. */
    Set<Integer> probesPending() {
        return probesPending;
    }
}
