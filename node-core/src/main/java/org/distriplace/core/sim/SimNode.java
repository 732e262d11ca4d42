package org.distriplace.core.sim;

import java.util.Random;
import java.util.function.Consumer;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.store.MemoryEventStore;

/**
 * One simulated machine: a {@link NodeEngine} on virtual time, and the store that outlives it. A crash throws the
 * engine away (and every timer it set); a restart builds a new engine on the same store.
 */
final class SimNode {

    private final int id;
    private final NodeConfig config;
    private final EventQueue queue;
    private final SimNetwork network;
    private final long seed;
    private final EventSink events;
    private final MemoryEventStore store = new MemoryEventStore();
    private NodeEngine engine;
    private int incarnation;
    private boolean up;

    SimNode(int id, NodeConfig config, EventQueue queue, SimNetwork network, long seed, EventSink events) {
        this.id = id;
        this.config = config;
        this.queue = queue;
        this.network = network;
        this.seed = seed;
        this.events = events;
    }

    void start(Consumer<String> trace) {
        incarnation++;
        int life = incarnation;
        up = true;
        Random random = new Random(seed * 1_000_003L + id * 7_919L + life);
        engine = new NodeEngine(config, queue::now,
            (delay, task) -> queue.schedule(delay, () -> {
                if (up && incarnation == life) {
                    task.run();
                }
            }),
            (to, message) -> {
                if (up && incarnation == life) {
                    network.send(id, to, message);
                }
            },
            store, random, events);
        engine.start();
    }

    void crash() {
        up = false;
        incarnation++;
    }

    boolean isUp() {
        return up;
    }

    NodeEngine engine() {
        return engine;
    }
}
