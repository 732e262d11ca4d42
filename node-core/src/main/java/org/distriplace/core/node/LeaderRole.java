package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.commit.CommitCoordinator;
import org.distriplace.core.protocol.commit.LeaderRecovery;

/**
 * What a node holds only while it leads an epoch: first the recovery of older epochs, then the commit coordinator.
 * Also remembers recently accepted requests, so a request sent twice (duplicated by the network, or sent again by
 * its origin after a leader change) is ordered only once.
 */
final class LeaderRole {

    private static final int REMEMBERED_REQUESTS = 100_000;
    private static final int HELD_LIMIT = 100_000;

    final long epoch;
    LeaderRecovery recovery;
    CommitCoordinator coordinator;
    long nextCoordinatorResend;
    boolean announcedActive;
    /** Writes forwarded while this leader was still recovering: ordered as soon as it is active. */
    final List<PeerMessage.PixelUpdate> heldUntilActive = new ArrayList<>();
    private final RecentRequests accepted = new RecentRequests(REMEMBERED_REQUESTS);

    LeaderRole(long epoch, LeaderRecovery recovery) {
        this.epoch = epoch;
        this.recovery = recovery;
    }

    /** Holds a forwarded write until the leader is active; false when too many are held already. */
    boolean hold(PeerMessage.PixelUpdate update) {
        if (heldUntilActive.size() >= HELD_LIMIT) {
            return false;
        }
        heldUntilActive.add(update);
        return true;
    }

    boolean recovering() {
        return recovery != null;
    }

    boolean active() {
        return coordinator != null && coordinator.active();
    }

    /** Records a request; false if this leader already accepted it (a duplicate). */
    boolean firstSighting(int origin, long requestId) {
        return accepted.add(origin, requestId, 0);
    }
}
