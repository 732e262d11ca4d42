package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.commit.AcceptedWrite;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.commit.LeaderRecovery;

/**
 * What a node holds only while it leads one epoch: first the recovery of older epochs, then the commit coordinator.
 * Also the writes forwarded while it was still recovering, and the requests it has accepted, so a request sent twice
 * (duplicated by the network, or sent again by its origin after a leader change) is ordered only once. Used by
 * {@link Leadership} alone.
 */
final class LeaderTerm {

    private static final int REMEMBERED_REQUESTS = 100_000;
    private static final int HELD_LIMIT = 100_000;

    private final long epoch;
    private LeaderRecovery recovery;
    private CommitCoordinator coordinator;
    private long nextCoordinatorResend;
    private boolean announcedActive;
    private final List<PeerMessage.PixelUpdate> heldUntilActive = new ArrayList<>();
    private final RecentRequests accepted = new RecentRequests(REMEMBERED_REQUESTS);

    LeaderTerm(long epoch, LeaderRecovery recovery, long firstCoordinatorResend) {
        this.epoch = epoch;
        this.recovery = recovery;
        this.nextCoordinatorResend = firstCoordinatorResend;
    }

    long epoch() {
        return epoch;
    }

    boolean recovering() {
        return recovery != null;
    }

    /** The recovery under way; only while {@link #recovering()}. */
    LeaderRecovery recovery() {
        return recovery;
    }

    /** Recovery is over: from now on the coordinator proposes. */
    void install(CommitCoordinator next) {
        recovery = null;
        coordinator = next;
    }

    /** The coordinator, or null while recovering. */
    CommitCoordinator coordinator() {
        return coordinator;
    }

    /** True once this term's first batch committed: client writes are accepted. */
    boolean active() {
        return coordinator != null && coordinator.active();
    }

    /** True (once) when it is time to repeat COORDINATOR to nodes that have not promised yet. */
    boolean coordinatorResendDue(long now, long resendMs) {
        if (now < nextCoordinatorResend) {
            return false;
        }
        nextCoordinatorResend = now + resendMs;
        return true;
    }

    /** True the first time it is asked once the term is active: the moment to say so. */
    boolean firstTimeActive() {
        if (!active() || announcedActive) {
            return false;
        }
        announcedActive = true;
        return true;
    }

    /** Holds a forwarded write until the term is active; false when too many are held already. */
    boolean hold(PeerMessage.PixelUpdate update) {
        if (heldUntilActive.size() >= HELD_LIMIT) {
            return false;
        }
        heldUntilActive.add(update);
        return true;
    }

    /** The writes held so far, once the term is active (they are ordered now); none before. */
    List<PeerMessage.PixelUpdate> releaseHeld() {
        if (!active() || heldUntilActive.isEmpty()) {
            return List.of();
        }
        List<PeerMessage.PixelUpdate> held = List.copyOf(heldUntilActive);
        heldUntilActive.clear();
        return held;
    }

    /** Records a request; false if this term already accepted it (a duplicate). */
    boolean firstSighting(int origin, long requestId) {
        return accepted.add(origin, requestId, 0);
    }

    /** Writes accepted and never proposed, taken out of the queue (the term ends: their clients must hear). */
    List<AcceptedWrite> drainUnproposed() {
        return coordinator == null ? List.of() : coordinator.drainUnproposed();
    }
}
