package org.distriplace.core.engine;

import java.util.concurrent.CompletableFuture;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.read.ReadView;

/**
 * What the HTTP and WebSocket API needs from whatever keeps the canvas: the peer cluster (a node of our protocol)
 * or the edge (a stateless server over Redis, Kafka and PostgreSQL). The API, the browser page and the tools are
 * the same over either; nothing here names one of them.
 *
 * <p>Every method may be called from any thread and returns at once: work that waits completes a future.
 */
public interface Engine {

    /** This server's number among its kind (a node's id; an edge's number), shown to players and in metrics. */
    int id();

    /** The canvas this engine serves and its rules. */
    CanvasSettings settings();

    /**
     * Places a pixel for {@code user}. Completes with the committed write once it is durable (a majority of the
     * cluster, or the log), or exceptionally with a {@link org.distriplace.core.node.PlaceException} saying why not.
     */
    CompletableFuture<PlaceResult> place(String user, int x, int y, Color color);

    /** Registers an account, or bans or unbans a player; completes once the change is durable. */
    CompletableFuture<AccountEntry> changeAccount(AccountChange change);

    /** The newest published view of the canvas and accounts: immutable, cheap to call on any thread. */
    ReadView view();

    /** Tells {@code listener} of every write this server learns is committed, in order, on one thread. */
    void addPixelListener(PixelListener listener);

    void removePixelListener(PixelListener listener);

    /** Whether this server can take placements now, and what it can say of its cluster (for health and the page). */
    CompletableFuture<EngineStatus> status();
}
