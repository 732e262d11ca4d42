package org.distriplace.core.runtime;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.GroupCommitStore;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeEngine;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.MembershipChangeException;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.node.ReadSide;
import org.distriplace.core.node.Transport;
import org.distriplace.core.read.ReadView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NodeEngine} on real time with a thread of its own: the face of a node that the API servers, the desktop
 * app and the inspector use. Commands (placing, starting, stopping) are handed to the node's thread (an actor), so
 * callers on any thread are safe and nothing else shares the node's state. Reads never run there: {@link #view()}
 * is the immutable state the node last published, and {@link #report()} is a snapshot the node's thread takes.
 *
 * <p>Futures returned here complete on the node's thread: chain with {@code *Async} variants (or hand off to your
 * own executor) before doing anything slow. Pixel listeners and the event sink are called on the node's thread and
 * must not block.
 *
 * <p>A {@link GroupCommitStore} (SQLite) is written from a writer thread of its own, with group commit, so the
 * node's thread never waits for the disk; the engine holds its effects until what they depend on is durable.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final NodeEngine engine;
    private final NodeThread thread;
    private final WriteBehindStore writeBehind;
    private final ReadSide readSide = new ReadSide();
    private final LinkFaults faults = new LinkFaults();
    private volatile Consumer<Throwable> onFatal = failure -> { };
    private volatile BiConsumer<Integer, PeerMessage.HistoryRequest> historyAnswerer = (from, request) -> { };

    /**
     * Creates a node; {@link #start()} runs it.
     *
     * @param transport where outgoing messages go; incoming ones arrive through {@link #deliver}
     */
    public Node(NodeConfig config, Transport transport, EventStore store, EventSink events) {
        this.config = config;
        this.thread = new NodeThread("node-" + config.nodeId(), this::fail);
        this.writeBehind = store instanceof GroupCommitStore disk ? new WriteBehindStore(disk,
            "node-" + config.nodeId() + "-writer", durable -> execute(() -> released(durable)),
            failure -> execute(() -> {
                throw failure;
            })) : null;
        this.engine = new NodeEngine(config, System::currentTimeMillis, this::schedule, faulty(transport),
            writeBehind != null ? writeBehind : store, new Random(), events, readSide);
    }

    /** The transport as the engine sees it: with the injected link faults played on the way out. */
    private Transport faulty(Transport transport) {
        return new Transport() {
            @Override
            public void send(int to, PeerMessage message) {
                afterFaults(faults.outbound(to), () -> transport.send(to, message));
            }

            @Override
            public void learnAddresses(Map<Integer, String> addresses) {
                transport.learnAddresses(addresses);
            }
        };
    }

    /** Runs {@code action} now, later, twice or never, as injected faults decided ({@link LinkFaults}). */
    private void afterFaults(long[] delays, Runnable action) {
        for (long delay : delays) {
            if (delay == 0) {
                action.run();
            } else {
                schedule(delay, action);
            }
        }
    }

    private void released(long durable) {
        engine.durableUpTo(durable);
    }

    /**
     * Called (once, on the node's thread) if the node had to stop because something it must not survive failed,
     * such as durable storage: it stops rather than promise what it cannot keep.
     */
    public void onFatal(Consumer<Throwable> handler) {
        this.onFatal = handler;
    }

    /** What a task on the node's thread threw: the node stops rather than go on half-changed. */
    private void fail(RuntimeException failure) {
        LOG.error("node {} stops: {}", config.nodeId(), failure.toString(), failure);
        engine.stop();
        thread.shutdown();
        onFatal.accept(failure);
    }

    private void schedule(long delayMs, Runnable task) {
        thread.schedule(delayMs, task);
    }

    public int id() {
        return config.nodeId();
    }

    public NodeConfig config() {
        return config;
    }

    /** Told of each group commit to disk: how many writes it made durable, and how long it took. */
    @FunctionalInterface
    public interface StorageTransactions {
        void transaction(int writes, long nanos);
    }

    /**
     * Tells {@code listener}, on the store's writer thread, of every group commit (for metrics; it must be quick).
     * Nothing is told for a store that writes on the node's thread (tests, the simulator).
     */
    public void onStorageTransactions(StorageTransactions listener) {
        if (writeBehind != null) {
            writeBehind.onTransactions(listener);
        }
    }

    /** Restores from the store and joins the cluster. */
    public CompletableFuture<Void> start() {
        return onNodeThread(() -> {
            engine.start();
            if (writeBehind != null) {
                writeBehind.start();
            }
            return null;
        });
    }

    /**
     * Who answers peers' history requests (off this node's thread: they read the disk). Without one, they are
     * dropped, and peers ask another. Set before the node starts.
     */
    public void answerHistoryWith(BiConsumer<Integer, PeerMessage.HistoryRequest> answerer) {
        this.historyAnswerer = answerer;
    }

    /** Hands a message from a peer to this node (any thread). */
    public void deliver(int from, PeerMessage message) {
        if (message instanceof PeerMessage.HistoryRequest request) {
            historyAnswerer.accept(from, request);
            return;
        }
        long[] delays = faults.inbound(from);
        if (delays == LinkFaults.NOW) {
            execute(() -> engine.onMessage(from, message));
        } else {
            for (long delay : delays) {
                schedule(delay, () -> engine.onMessage(from, message));
            }
        }
    }

    /** Faults injected into this node's links (demonstrations: the inspector's fault panel). */
    public LinkFaults faults() {
        return faults;
    }

    /**
     * Freezes the node, as a long GC pause or SIGSTOP would (a teacher demonstrating failure detection): its thread
     * takes no message and fires no timer until {@link #resume()}; then it does the held work in order. Its
     * peers see silence, then a burst.
     */
    public void pause() {
        thread.pause();
    }

    /** Ends a {@link #pause()}: the held work runs, in order, on the node's thread. */
    public void resume() {
        thread.resume();
    }

    public boolean isPaused() {
        return thread.isPaused();
    }

    /** Loses every message to and from exactly these peers (empty: none): this node's side of a partition. */
    public void cutOff(Set<Integer> peers) {
        faults.cutOff(peers);
    }

    /** Makes the link to and from {@code peer} lossy ({@code dropPercent}) and slow ({@code delayMs}). */
    public void degradeLink(int peer, int dropPercent, long delayMs) {
        LinkConditions degraded = LinkConditions.lossAndDelay(dropPercent, delayMs);
        faults.setOutbound(peer, degraded);
        faults.setInbound(peer, degraded);
    }

    /** Restores every link this node's faults changed. */
    public void healLinks() {
        faults.clear();
    }

    /** The peers this node is cut off from. */
    public Set<Integer> cutOffPeers() {
        return faults.cutOff();
    }

    /** The peers whose links to this node are lossy or slow (not cut). */
    public Set<Integer> degradedPeers() {
        return faults.degraded();
    }

    /** How many tasks wait for the node to resume (messages, timers, requests). */
    public int heldWork() {
        return thread.heldWork();
    }

    /**
     * Places a pixel; the future completes (on the node's thread) once the write is committed and durable, or
     * with a {@link PlaceException} saying why not.
     */
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        return relayed(() -> engine.place(user, x, y, color));
    }

    /**
     * Asks the cluster for an account change (a registration, a ban, an unban); the future completes (on the node's
     * thread) with the committed entry once it is durable here, or with a {@link PlaceException} saying why not.
     */
    public CompletableFuture<AccountEntry> changeAccount(AccountChange change) {
        return relayed(() -> engine.changeAccount(change));
    }

    /** Starts {@code request} on the node's thread and relays its outcome; fails at once if the node stopped. */
    private <T> CompletableFuture<T> relayed(Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!execute(() -> request.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }))) {
            result.completeExceptionally(new PlaceException(PlaceError.NOT_READY, "node " + id() + " is stopped"));
        }
        return result;
    }

    /**
     * Leaves the cluster: completes with the first committed configuration without this node, or fails with a
     * {@link MembershipChangeException} (LAST_MEMBER at once, NO_QUORUM after {@code timeoutMs}). The caller then
     * closes the node either way.
     */
    public CompletableFuture<Membership> leave(long timeoutMs) {
        return membershipChange(() -> engine.leave(timeoutMs));
    }

    /**
     * Removes member {@code target}, one that will not come back (refused for an unknown id, the last member or this
     * node itself); answered as {@link #leave} is.
     */
    public CompletableFuture<Membership> removeMember(int target, long timeoutMs) {
        return membershipChange(() -> engine.removeMember(target, timeoutMs));
    }

    private CompletableFuture<Membership> membershipChange(Supplier<CompletableFuture<Membership>> change) {
        CompletableFuture<Membership> result = new CompletableFuture<>();
        if (!execute(() -> change.get().whenComplete((config, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(config);
            }
        }))) {
            result.completeExceptionally(new MembershipChangeException(MembershipChangeException.Code.NOT_READY,
                "node " + id() + " is stopped"));
        }
        return result;
    }

    /** A snapshot of the whole node, taken on its thread (cheap: no canvas in it). */
    public CompletableFuture<NodeReport> report() {
        return onNodeThread(engine::report);
    }

    /**
     * What this node has committed, as last published (after each committed batch, once durable): the canvas, its
     * version and state hash, and recent placements. Immutable; never waits for the node's thread.
     */
    public ReadView view() {
        return readSide.view();
    }

    /** Tells {@code listener} (on the node's thread) of each write committed here, once it is durable. */
    public void addPixelListener(PixelListener listener) {
        readSide.add(listener);
    }

    public void removePixelListener(PixelListener listener) {
        readSide.remove(listener);
    }

    private <T> CompletableFuture<T> onNodeThread(Supplier<T> work) {
        return thread.call(work, "node " + id() + " is stopped");
    }

    private boolean execute(Runnable task) {
        return thread.execute(task);
    }

    /** Stops the node: waiting clients get NOT_READY, what was written is flushed, timers stop, the thread ends. */
    @Override
    public void close() {
        execute(engine::stop);
        boolean flushing = execute(() -> {
            if (writeBehind == null || writeBehind.flushAndStop(10_000)) {
                engine.durableUpTo(Long.MAX_VALUE);
            }
        });
        if (!flushing && writeBehind != null) {
            // The node already stopped (a fatal error): still finish what was queued before the store closes.
            writeBehind.flushAndStop(10_000);
        }
        thread.shutdown();
        thread.awaitEnd(5);
    }

    /** For tests and tools: the executor's view of whether the node's thread has ended. */
    public boolean isClosed() {
        return thread.isTerminated();
    }
}
