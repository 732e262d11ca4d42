package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;

/**
 * The placements clients made through this node that are waiting for their commit. A request completes when its
 * write is committed on this replica (by any path: COMMIT, install, or anti-entropy), fails when the leader refuses
 * it, and fails with NO_QUORUM at its deadline. A request is sent again when the leader changes. Owned by the
 * node's thread.
 */
final class ClientRequests {

    /** One waiting placement. {@code forwardedTo} is 0 until it is handed to a leader (of {@code forwardedEpoch}). */
    static final class Pending {
        final long requestId;
        final String user;
        final int x;
        final int y;
        final Color color;
        final long deadline;
        final CompletableFuture<PlaceResult> future;
        int forwardedTo;
        long forwardedEpoch;

        Pending(long requestId, String user, int x, int y, Color color, long deadline,
                CompletableFuture<PlaceResult> future) {
            this.requestId = requestId;
            this.user = user;
            this.x = x;
            this.y = y;
            this.color = color;
            this.deadline = deadline;
            this.future = future;
        }
    }

    private final Map<Long, Pending> pending = new LinkedHashMap<>();

    void add(Pending request) {
        pending.put(request.requestId, request);
    }

    int size() {
        return pending.size();
    }

    /**
     * Requests to route (again), oldest first: those not yet handed to a leader, and, once a leader of a new epoch
     * is known, those handed to an earlier one (which may have failed; no leader orders a request twice).
     */
    List<Pending> notRoutedTo(int leader, long epoch) {
        List<Pending> reroute = new ArrayList<>();
        if (leader == 0) {
            for (Pending request : pending.values()) {
                if (request.forwardedTo == 0) {
                    reroute.add(request);
                }
            }
            return reroute;
        }
        for (Pending request : pending.values()) {
            if (request.forwardedTo != leader || request.forwardedEpoch != epoch) {
                reroute.add(request);
            }
        }
        return reroute;
    }

    /** Completes the request a committed write answers, if it is one of ours. */
    void committed(PixelWrite write, long nextPlacementAt) {
        Pending request = pending.remove(write.requestId());
        if (request != null) {
            request.future.complete(new PlaceResult(write, nextPlacementAt));
        }
    }

    /** Fails one request; returns it, or null if it was not waiting. */
    Pending fail(long requestId, PlaceException error) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.future.completeExceptionally(error);
        }
        return request;
    }

    /** Fails every request past its deadline; returns them. */
    List<Pending> expire(long now) {
        List<Pending> expired = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            if (now >= request.deadline) {
                it.remove();
                expired.add(request);
            }
        }
        return expired;
    }

    /** Removes and returns the requests never handed to any leader: nobody can have ordered them. */
    List<Pending> takeNeverRouted() {
        List<Pending> taken = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            if (request.forwardedTo == 0) {
                it.remove();
                taken.add(request);
            }
        }
        return taken;
    }

    /** Fails everything (the node stops). */
    void failAll(PlaceException error) {
        pending.values().forEach(request -> request.future.completeExceptionally(error));
        pending.clear();
    }
}
