package org.distriplace.core.sim;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.HeldEffects;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.store.MemoryEventStore;

/**
 * One simulated machine: a {@link NodeEngine} on virtual time, and the store that outlives it. A crash throws the
 * engine away (and every timer it set); a restart builds a new engine on the same store. With a write-behind disk
 * (as the threaded runtime uses), the node's messages and answers to clients are held until the writes issued
 * before them are durable, and a crash loses the writes still queued.
 */
final class SimNode {

    private final int id;
    private final NodeConfig config;
    private final EventQueue queue;
    private final SimNetwork network;
    private final long seed;
    private final EventSink events;
    private final MemoryEventStore store = new MemoryEventStore();
    private final SimDisk disk;
    private NodeEngine engine;
    private HeldEffects effects;
    private int incarnation;
    private boolean up;

    SimNode(int id, NodeConfig config, EventQueue queue, SimNetwork network, long seed, EventSink events,
            boolean writeBehind) {
        this.id = id;
        this.config = config;
        this.queue = queue;
        this.network = network;
        this.seed = seed;
        this.events = events;
        this.disk = writeBehind ? new SimDisk(store, queue) : null;
    }

    int id() {
        return id;
    }

    void start(Consumer<String> trace) {
        incarnation++;
        int life = incarnation;
        up = true;
        Random random = new Random(seed * 1_000_003L + id * 7_919L + life);
        HeldEffects held = disk == null ? new HeldEffects(() -> 0) : new HeldEffects(disk::issued);
        if (disk != null) {
            disk.restart(new Random(seed * 31L + id * 131L + life), durable -> {
                if (up && incarnation == life) {
                    held.durableUpTo(durable);
                }
            });
        }
        effects = held;
        // With a write-behind disk the node's events are observations too: they count once durable, so a crash
        // that loses an epoch nobody saw is not an epoch going backwards.
        EventSink observed = disk == null ? events : new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                held.run(() -> {
                    if (up && incarnation == life) {
                        events.emit(event);
                    }
                });
            }

            @Override
            public boolean wantsMessages() {
                return events.wantsMessages();
            }
        };
        engine = new NodeEngine(config, queue::now,
            (delay, task) -> queue.schedule(delay, new Timer(life, task)),
            (to, message) -> {
                Runnable send = () -> {
                    if (up && incarnation == life) {
                        network.send(id, to, message);
                    }
                };
                if (HeldEffects.needsNoDurableState(message)) {
                    send.run();
                } else {
                    held.run(send);
                }
            },
            disk != null ? disk : store, random, observed);
        engine.start();
    }

    /** A timer of one life of this node: it does nothing once that life ended in a crash. */
    private final class Timer implements Runnable {
        private final int life;
        private final Runnable task;

        Timer(int life, Runnable task) {
            this.life = life;
            this.task = task;
        }

        @Override
        public void run() {
            if (up && incarnation == life) {
                task.run();
            }
        }

        @Override
        public String toString() {
            return "timer on n" + id;
        }
    }

    /** Places through this node; the answer, like every effect, comes once what it depends on is durable. */
    CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CompletableFuture<PlaceResult> answer = new CompletableFuture<>();
        HeldEffects held = effects;
        engine.place(user, x, y, color).whenComplete((result, error) -> held.run(() -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(result);
            }
        }));
        return answer;
    }

    void crash() {
        up = false;
        incarnation++;
        if (disk != null) {
            disk.crash();
        }
    }

    boolean isUp() {
        return up;
    }

    NodeEngine engine() {
        return engine;
    }
}
