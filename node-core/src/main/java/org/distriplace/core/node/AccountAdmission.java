package org.distriplace.core.node;

import java.util.List;
import java.util.Optional;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.protocol.commit.AcceptedChange;

/**
 * The ordering point for account changes, at the leader: a change forwarded by its origin (or asked for here) is
 * checked (not a request already taken, a majority reachable, for a registration a name that is free both in the
 * committed accounts and among the changes this leader has not seen decided) and queued for the next batch, or
 * refused with a reason its client hears. Owned by the node's thread.
 */
final class AccountAdmission {

    private final GroupContext ctx;
    private final Leadership leadership;
    private final NodeSteps steps;

    AccountAdmission(GroupContext ctx, Leadership leadership, NodeSteps steps) {
        this.ctx = ctx;
        this.leadership = leadership;
        this.steps = steps;
    }

    void onAccountUpdate(int from, PeerMessage.AccountUpdate update, long now) {
        ctx.state().observe(update.timestamp(), now);
        if (Hlc.physical(ctx.stamp(now)) - Hlc.physical(update.timestamp()) > ctx.config().placeTimeoutMs()) {
            return; // its origin has answered, or will answer, the client at its deadline
        }
        if (!leadership.leading()) {
            ctx.pointLearnerToLeader(from, now); // and its origin times the request out, as above
            return;
        }
        accept(from, update.requestId(), update.change(), now);
    }

    /** Checks and queues one change; only where this node leads. */
    void accept(int origin, long requestId, AccountChange change, long now) {
        if (!leadership.active()) {
            reject(origin, requestId, PlaceError.NO_QUORUM, "the new leader is still recovering", now);
            return;
        }
        if (!leadership.firstSighting(origin, requestId)) {
            return;
        }
        int reachable = ctx.reachableMembers();
        if (reachable < ctx.members().current().quorum()) {
            reject(origin, requestId, PlaceError.NO_QUORUM, "only " + reachable + " of "
                + ctx.members().current().size() + " nodes are reachable", now);
            return;
        }
        if (change.kind() == AccountChange.Kind.REGISTER && taken(origin, requestId, change.name())) {
            return;
        }
        long stamp = ctx.stamp(now);
        if (change.kind() == AccountChange.Kind.GRANT && !grantable(origin, requestId, change.name(), stamp, now)) {
            return;
        }
        leadership.enqueue(new AcceptedChange(change, origin, requestId, stamp));
    }

    /**
     * A cooldown grant (ADR 0017) is this shard's to give for the players whose home it is: refused to a banned
     * player, or within the cooldown of the player's last grant or placement here; otherwise charged at once.
     */
    private boolean grantable(int origin, long requestId, String user, long stamp, long now) {
        if (ctx.cluster().state().accounts().isBanned(user)) {
            reject(origin, requestId, PlaceError.BANNED, user + " is banned by a moderator", now);
            return false;
        }
        long remaining = ctx.cooldowns().remainingMs(user, stamp);
        if (remaining > 0) {
            rejectWithin(origin, requestId, new PlaceException(PlaceError.COOLDOWN, "one pixel per "
                + ctx.config().cooldownMs() / 1000.0 + " s: wait " + (remaining + 999) / 1000 + " s", remaining), now);
            return false;
        }
        ctx.cooldowns().charge(user, stamp);
        return true;
    }

    /**
     * True (and the client refused) when the name is registered or being registered. The very same request, sent
     * again after a leader change, is not refused: it committed or will, and its origin hears so.
     */
    private boolean taken(int origin, long requestId, String name) {
        Optional<AcceptedChange> holder = ctx.state().accounts().registration(name).map(AcceptedChange::of)
            .or(() -> leadership.undecidedChanges()
                .filter(held -> held.change().kind() == AccountChange.Kind.REGISTER
                    && held.change().name().equals(name))
                .findFirst());
        if (holder.isEmpty()) {
            return false;
        }
        if (holder.get().origin() != origin || holder.get().requestId() != requestId) {
            reject(origin, requestId, PlaceError.NAME_TAKEN, "the name " + name + " is taken", ctx.now());
        }
        return true;
    }

    /** The leadership that admitted these changes ended before proposing them: their clients hear NO_QUORUM. */
    void refuseUnproposed(List<AcceptedChange> changes, long now) {
        for (AcceptedChange change : changes) {
            reject(change.origin(), change.requestId(), PlaceError.NO_QUORUM,
                "leadership changed before the change was proposed", now);
        }
    }

    private void reject(int origin, long requestId, PlaceError code, String why, long now) {
        rejectWithin(origin, requestId, new PlaceException(code, why), now);
    }

    private void rejectWithin(int origin, long requestId, PlaceException error, long now) {
        if (origin == ctx.self()) {
            steps.refuseLocal(requestId, error, now);
        } else {
            ctx.send(origin, new PeerMessage.PlaceRejected(ctx.self(), requestId, error.code().name(),
                error.remainingMs()));
        }
    }
}
