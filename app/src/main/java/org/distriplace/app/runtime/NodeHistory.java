package org.distriplace.app.runtime;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.history.History;
import org.distriplace.core.history.HistoryAnswers;
import org.distriplace.core.history.SnapshotKeeper;
import org.distriplace.core.history.TimeMachine;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.Transport;
import org.distriplace.core.store.SqliteChunkSource;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.store.SqliteSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's history, as the running app keeps it: the chunks read through a connection of their own, the pixel index,
 * the canvas at past moments, snapshots of the past kept by a thread of their own ({@value #KEEP_EVERY_S} s between
 * rounds) in a cache database beside the store, and peers' history requests answered from the disk, on a thread of
 * their own with a short queue (a request beyond it is dropped: the peer asks again). Never on the node's thread or
 * its store's writer.
 */
public final class NodeHistory implements AutoCloseable {

    static final long KEEP_EVERY_S = 5;
    private static final Logger LOG = LoggerFactory.getLogger(NodeHistory.class);

    private final SqliteChunkSource chunks;
    private final SqliteSnapshots snapshots;
    private final History history;
    private final TimeMachine past;
    private final ScheduledExecutorService keeping;
    private final ThreadPoolExecutor answering = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(ANSWER_QUEUE), task -> {
            Thread thread = new Thread(task, "history-answers");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());

    private NodeHistory(SqliteChunkSource chunks, SqliteSnapshots snapshots, History history, TimeMachine past,
                        ScheduledExecutorService keeping) {
        this.chunks = chunks;
        this.snapshots = snapshots;
        this.history = history;
        this.past = past;
        this.keeping = keeping;
    }

    /** Peers' requests waiting to be answered beyond this many are dropped (they ask again). */
    static final int ANSWER_QUEUE = 16;

    /** Answers a peer's history request from the disk, through {@code transport}, off the caller's thread. */
    public void answer(int from, PeerMessage.HistoryRequest request, Transport transport, int self) {
        answering.execute(() -> {
            try {
                transport.send(from, HistoryAnswers.answer(self, request, history));
            } catch (RuntimeException e) {
                LOG.warn("answering node {}'s history request failed: {}", from, e.toString());
            }
        });
    }

    /** Opens the history of {@code store} (already open on {@code dataDir}) and starts keeping snapshots. */
    public static NodeHistory open(Path dataDir, NodeConfig config, SqliteEventStore store,
                                   SnapshotKeeper.Policy policy) {
        SqliteChunkSource chunks = SqliteChunkSource.open(dataDir);
        SqliteSnapshots snapshots = SqliteSnapshots.open(dataDir, config.width(), config.height());
        History history = History.load(chunks, config.width(), config.height());
        TimeMachine past = new TimeMachine(chunks, snapshots, config.width(), config.height(), config.palette());
        SnapshotKeeper keeper = new SnapshotKeeper(history, past, snapshots, policy);
        store.onHistoryWritten(history::appended);
        history.onArrivals(keeper::arrived);
        ScheduledExecutorService keeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "history-snapshots");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        keeping.scheduleWithFixedDelay(() -> keep(keeper), KEEP_EVERY_S, KEEP_EVERY_S, TimeUnit.SECONDS);
        return new NodeHistory(chunks, snapshots, history, past, keeping);
    }

    private static void keep(SnapshotKeeper keeper) {
        try {
            keeper.step();
        } catch (RuntimeException e) {
            // A cache: the node carries on without it, and the next round tries again.
            LOG.warn("keeping history snapshots failed: {}", e.toString());
        }
    }

    public History history() {
        return history;
    }

    /** The canvas at any past moment. */
    public TimeMachine past() {
        return past;
    }

    @Override
    public void close() {
        answering.shutdownNow();
        keeping.shutdownNow();
        try {
            keeping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshots.close();
        chunks.close();
    }
}
