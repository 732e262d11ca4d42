package org.distriplace.core.runtime;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.HeldEffects;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.node.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NodeEngine} on real time with a thread of its own: the API servers, the desktop app and the inspector
 * use. Every call is handed to the node's thread (an actor), so callers on any thread are safe and nothing else
 * shares the node's state.
 *
 * <p>Futures returned here complete on the node's thread: chain with {@code *Async} variants (or hand off to your
 * own executor) before doing anything slow. Listeners and the event sink are called on the node's thread and must
 * not block.
 *
 * <p>A {@link GroupCommitStore} (SQLite) is written from a writer thread of its own, with group commit, so the
 * node's thread never waits for the disk: the node's effects (messages to peers, answers to clients, committed
 * pixels told to listeners) are held, in order, until every write issued before them is durable.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeEngine engine;
    private final ScheduledExecutorService thread;
    private final WriteBehindStore writeBehind;
    private final HeldEffects effects;
    private final Map<PixelListener, PixelListener> heldListeners = new ConcurrentHashMap<>();
    private final LinkFaults faults = new LinkFaults();
    private volatile Consumer<Throwable> onFatal = failure -> { };

    /**
     * Creates a node; {@link #start()} runs it.
     *
     * @param transport where outgoing messages go; incoming ones arrive through {@link #deliver}
     */
    public Node(NodeConfig config, Transport transport, EventStore store, EventSink events) {
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "node-" + config.nodeId());
            t.setDaemon(true);
            return t;
        });
        this.writeBehind = store instanceof GroupCommitStore disk ? new WriteBehindStore(disk,
            "node-" + config.nodeId() + "-writer", durable -> execute(() -> released(durable)),
            failure -> execute(() -> {
                throw failure;
            })) : null;
        this.effects = new HeldEffects(writeBehind != null ? writeBehind::issued : () -> 0);
        this.engine = new NodeEngine(config, System::currentTimeMillis,
            (delay, task) -> schedule(delay, task), heldBack(transport),
            writeBehind != null ? writeBehind : store, new Random(), events);
    }

    /** The transport as the engine sees it: messages held until what they depend on is durable. */
    private Transport heldBack(Transport transport) {
        return new Transport() {
            @Override
            public void send(int to, PeerMessage message) {
                Node.this.send(transport, to, message);
            }

            @Override
            public void learnAddresses(Map<Integer, String> addresses) {
                transport.learnAddresses(addresses);
            }
        };
    }

    private void send(Transport transport, int to, PeerMessage message) {
        Runnable send = () -> afterFault(faults.outbound(to), () -> transport.send(to, message));
        if (HeldEffects.needsNoDurableState(message)) {
            send.run();
        } else {
            effects.run(send);
        }
    }

    /** Runs {@code action} now, later, or never, as an injected fault decided ({@link LinkFaults}). */
    private void afterFault(long delay, Runnable action) {
        if (delay == 0) {
            action.run();
        } else if (delay > 0) {
            schedule(delay, action);
        }
    }

    private void released(long durable) {
        effects.durableUpTo(durable);
    }

    /**
     * Called (once, on the node's thread) if the node had to stop because something it must not survive failed,
     * such as durable storage: it stops rather than promise what it cannot keep.
     */
    public void onFatal(Consumer<Throwable> handler) {
        this.onFatal = handler;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOG.error("node {} stops: {}", engine.nodeId(), failure.toString(), failure);
                engine.stop();
                thread.shutdown();
                onFatal.accept(failure);
            }
        };
    }

    private void schedule(long delayMs, Runnable task) {
        try {
            thread.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // The node was closed: its timers simply stop.
        }
    }

    public int id() {
        return engine.nodeId();
    }

    public NodeConfig config() {
        return engine.config();
    }

    /** Restores from the store and joins the cluster. */
    public CompletableFuture<Void> start() {
        return call(e -> {
            e.start();
            if (writeBehind != null) {
                writeBehind.start();
            }
            return null;
        });
    }

    /** Hands a message from a peer to this node (any thread). */
    public void deliver(int from, PeerMessage message) {
        long delay = faults.inbound(from);
        if (delay == 0) {
            execute(() -> engine.onMessage(from, message));
        } else if (delay > 0) {
            schedule(delay, () -> engine.onMessage(from, message));
        }
    }

    /** Faults injected into this node's links (demonstrations: the inspector's fault panel). */
    public LinkFaults faults() {
        return faults;
    }

    /** See {@link NodeEngine#place}; the future completes on commit or with a {@link PlaceException}. */
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CompletableFuture<PlaceResult> result = new CompletableFuture<>();
        if (!execute(() -> engine.place(user, x, y, color).whenComplete((r, error) -> effects.run(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(r);
            }
        })))) {
            result.completeExceptionally(new PlaceException(PlaceError.NOT_READY, "node " + id() + " is stopped"));
        }
        return result;
    }

    public CompletableFuture<NodeReport> report() {
        return call(NodeEngine::report);
    }

    /** Palette indexes, row-major: a consistent copy of the canvas taken on the node's thread. */
    public CompletableFuture<byte[]> canvasSnapshot() {
        return call(e -> e.replica().canvas().copyColors());
    }

    /** Runs a read against the engine on the node's thread. */
    public <T> CompletableFuture<T> call(Function<NodeEngine, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = execute(() -> {
            try {
                result.complete(read.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            result.completeExceptionally(new IllegalStateException("node " + id() + " is stopped"));
        }
        return result;
    }

    /** Tells {@code listener} (on the node's thread) of each write committed here, once it is durable. */
    public void addPixelListener(PixelListener listener) {
        PixelListener held = new PixelListener() {
            @Override
            public void committed(PixelWrite write, boolean changed) {
                effects.run(() -> listener.committed(write, changed));
            }

            @Override
            public void reloaded() {
                effects.run(listener::reloaded);
            }
        };
        if (heldListeners.putIfAbsent(listener, held) == null) {
            engine.addPixelListener(held);
        }
    }

    public void removePixelListener(PixelListener listener) {
        PixelListener held = heldListeners.remove(listener);
        if (held != null) {
            engine.removePixelListener(held);
        }
    }

    private boolean execute(Runnable task) {
        try {
            thread.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** Stops the node: waiting clients get NOT_READY, what was written is flushed, timers stop, the thread ends. */
    @Override
    public void close() {
        execute(engine::stop);
        boolean flushing = execute(() -> {
            if (writeBehind == null || writeBehind.flushAndStop(10_000)) {
                effects.durableUpTo(Long.MAX_VALUE);
            }
        });
        if (!flushing && writeBehind != null) {
            // The node already stopped (a fatal error): still finish what was queued before the store closes.
            writeBehind.flushAndStop(10_000);
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    /** For tests and tools: the executor's view of whether the node's thread has ended. */
    public boolean isClosed() {
        return thread.isTerminated();
    }
}
