package org.distriplace.core.sim;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.history.HistoryAnswers;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.node.ReadSide;
import org.distriplace.core.read.ReadView;
import org.distriplace.core.store.MemoryEventStore;

/**
 * One simulated machine: a {@link NodeEngine} on virtual time, and the store that outlives it. A crash throws the
 * engine away (and every timer it set); a restart builds a new engine on the same store. With a write-behind disk
 * (as the threaded runtime uses), the engine holds its effects until the writes issued before them are durable,
 * exactly as it does on real disks, and a crash loses the writes still queued.
 */
final class SimNode {

    private final int id;
    private NodeConfig config;
    private final EventQueue queue;
    private final SimNetwork network;
    private final long seed;
    private final EventSink events;
    private final MemoryEventStore store = new MemoryEventStore();
    private final SimDisk disk;
    private final ReadSide readers = new ReadSide();
    private NodeEngine engine;
    private int incarnation;
    private boolean up;
    private boolean departed;

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

    /** The configuration of the next start (an operator restarting it with other options). */
    void reconfigure(NodeConfig next) {
        this.config = next;
    }

    NodeConfig config() {
        return config;
    }

    void start() {
        incarnation++;
        int life = incarnation;
        up = true;
        Random random = new Random(seed * 1_000_003L + id * 7_919L + life);
        if (disk != null) {
            disk.restart(new Random(seed * 31L + id * 131L + life), durable -> {
                if (alive(life)) {
                    engine.durableUpTo(durable);
                }
            });
        }
        // A message or event held for durability that comes due after a crash belongs to a life that is over.
        EventSink observed = new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                if (alive(life)) {
                    events.emit(event);
                }
            }

            @Override
            public boolean wantsMessages() {
                return events.wantsMessages();
            }
        };
        engine = new NodeEngine(config, queue::now, (delay, task) -> queue.schedule(delay, new Timer(life, task)),
            (to, message) -> {
                if (alive(life)) {
                    network.send(id, to, message);
                }
            },
            disk != null ? disk : store, random, observed, readers);
        engine.start();
    }

    private boolean alive(int life) {
        return up && incarnation == life;
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
            if (alive(life)) {
                task.run();
            }
        }

        @Override
        public String toString() {
            return "timer on n" + id;
        }
    }

    /**
     * A message for this node (up): a history request is answered from what its store holds, as the runtime's
     * history readers answer it off the node's thread; everything else goes to the engine.
     */
    void receive(int from, PeerMessage message) {
        if (message instanceof PeerMessage.HistoryRequest request) {
            network.send(id, from, HistoryAnswers.answer(id, request, store));
        } else {
            engine.onMessage(from, message);
        }
    }

    /** The history its store holds (durably), by ordering node then counter. */
    List<PixelWrite> history() {
        return store.history();
    }

    /** The digest of the history its store holds (durably). */
    long[] historyDigest() {
        return store.historyDigest();
    }

    /** Places through this node; the answer, like every effect, comes once what it depends on is durable. */
    CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        return engine.place(user, x, y, color);
    }

    /** Asks for an account change through this node, as a client would. */
    CompletableFuture<AccountEntry> changeAccount(AccountChange change) {
        return engine.changeAccount(change);
    }

    /** What this node last published for readers (kept across crashes: a restarted node publishes again). */
    ReadView view() {
        return readers.view();
    }

    /** Tells {@code listener} of every write any life of this node commits. */
    void addPixelListener(PixelListener listener) {
        readers.add(listener);
    }

    void crash() {
        up = false;
        incarnation++;
        if (disk != null) {
            disk.crash();
        }
    }

    /** The machine (stopped already) left for good: it is never started again. */
    void depart() {
        departed = true;
    }

    boolean isUp() {
        return up;
    }

    /** True once the machine left for good. */
    boolean departed() {
        return departed;
    }

    /**
     * True when the machine takes part: it has not left, and (while up) it has not learned that it was removed. A
     * removed machine that is down counts until it restarts and is told.
     */
    boolean participates() {
        return !departed && !(up && engine.isRemoved());
    }

    NodeEngine engine() {
        return engine;
    }
}
