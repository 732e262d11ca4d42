package org.distriplace.core.read;

import java.util.Objects;

import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;

/**
 * What a node has committed, as readers on other threads see it: published by the node after each committed
 * batch (once it is durable), immutable, and shared by every reader until the next. HTTP and WebSocket reads,
 * canvas frames and JSON are built from it on I/O threads, never on the node's thread.
 *
 * @param canvas          the canvas
 * @param version         the version vector: exactly which committed writes the canvas holds
 * @param stateHash       the canvas state hash, 16 hex digits
 * @param committedWrites how many committed writes the replica holds
 * @param placements      each user's latest committed placement, for cooldowns
 * @param cooldownMs      one pixel per user per this many milliseconds
 * @param accounts        the accounts and bans committed (logins are checked against them)
 */
public record ReadView(CanvasImage canvas, VectorClock version, String stateHash, long committedWrites,
                       PlacementTimes placements, long cooldownMs, Accounts accounts) {

    public ReadView {
        Objects.requireNonNull(canvas, "canvas");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(placements, "placements");
        Objects.requireNonNull(accounts, "accounts");
    }

    /** A view with no accounts. */
    public ReadView(CanvasImage canvas, VectorClock version, String stateHash, long committedWrites,
                    PlacementTimes placements, long cooldownMs) {
        this(canvas, version, stateHash, committedWrites, placements, cooldownMs, Accounts.NONE);
    }

    /**
     * Milliseconds until {@code user} may place again by this view's committed placements, at wall time
     * {@code nowMs}: a hint for clients (the leader decides, counting writes not yet committed too).
     */
    public long cooldownRemainingMs(String user, long nowMs) {
        long last = placements.lastPlacement(user);
        return last == 0 ? 0 : Math.max(0, Hlc.physical(last) + cooldownMs - nowMs);
    }
}
