package org.distriplace.core.node;

import java.util.List;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Moderation;
import org.distriplace.core.protocol.commit.AcceptedWrite;

/**
 * The ordering point, at the leader: a write forwarded by its origin (or placed here) is checked (not a request
 * already ordered, the user not banned, a majority reachable, the user's cooldown over), charged to the user's cooldown and queued for
 * the next batch, or refused with a reason its client hears. Writes forwarded while the leader still recovers wait
 * until it is active. Owned by the node's thread.
 */
final class WriteAdmission {

    private final GroupContext ctx;
    private final Leadership leadership;
    private final NodeSteps steps;
    private CooldownGrants grants;
    private ShardGroup group;

    WriteAdmission(GroupContext ctx, Leadership leadership, NodeSteps steps) {
        this.ctx = ctx;
        this.leadership = leadership;
        this.steps = steps;
    }

    void onPixelUpdate(int from, PeerMessage.PixelUpdate update, long now) {
        ctx.state().observe(update.timestamp(), now);
        if (Hlc.physical(ctx.stamp(now)) - Hlc.physical(update.timestamp()) > ctx.config().placeTimeoutMs()) {
            // Its origin has answered the client already (NO_QUORUM at the deadline). Ordering it now could commit
            // a request twice: recently committed requests are only remembered for twice the place timeout.
            return;
        }
        if (!leadership.leading()) {
            // Not the leader: the origin will time the request out (it never re-sends, so nothing doubles).
            ctx.pointLearnerToLeader(from, now);
            return;
        }
        if (!leadership.active()) {
            if (!leadership.hold(update)) {
                reject(from, update.requestId(), new PlaceException(PlaceError.NO_QUORUM,
                    "the new leader is still recovering"), now);
            }
            return;
        }
        if (!ctx.replica().canvas().contains(update.x(), update.y()) || update.user().isBlank()) {
            reject(from, update.requestId(), new PlaceException(PlaceError.OUT_OF_BOUNDS, "outside the canvas"), now);
            return;
        }
        if (!ctx.config().palette().contains(update.color())) {
            reject(from, update.requestId(), new PlaceException(PlaceError.BAD_COLOR, "not in the palette"), now);
            return;
        }
        accept(from, update.requestId(), update.user(), update.x(), update.y(), update.color(), now);
    }

    /**
     * Duplicate, quorum and cooldown checks, a cooldown charge, then into the next batch. Only while this node leads
     * an active term.
     */
    void accept(int origin, long requestId, String user, int x, int y, Color color, long now) {
        // After recovery this leader holds every write that may have committed, so a request sent again after a
        // leader change is recognised here and never ordered twice.
        if (ctx.state().committedRequest(origin, requestId) || !leadership.firstSighting(origin, requestId)) {
            return;
        }
        if (ctx.cluster().state().accounts().isBanned(user)) {
            reject(origin, requestId, new PlaceException(PlaceError.BANNED, user + " is banned by a moderator"), now);
            return;
        }
        int reachable = ctx.reachableMembers();
        int quorum = ctx.members().current().quorum();
        if (reachable < quorum) {
            reject(origin, requestId, new PlaceException(PlaceError.NO_QUORUM, "only " + reachable + " of "
                + ctx.members().current().size() + " nodes are reachable; a write needs " + quorum), now);
            return;
        }
        long stamp = ctx.stamp(now);
        if (Moderation.isModeration(user)) {
            // A rollback restores many pixels at once: moderation is not held to a player's cooldown.
            leadership.enqueue(new AcceptedWrite(x, y, color, user, origin, requestId, stamp));
            return;
        }
        if (grants != null && grants.needed(group, user)) {
            grants.ask(group, new AcceptedWrite(x, y, color, user, origin, requestId, stamp), now);
            return;
        }
        long remaining = ctx.cooldowns().remainingMs(user, stamp);
        if (remaining > 0) {
            reject(origin, requestId, new PlaceException(PlaceError.COOLDOWN, "one pixel per "
                + ctx.config().cooldownMs() / 1000.0 + " s: wait " + (remaining + 999) / 1000 + " s", remaining), now);
            return;
        }
        ctx.cooldowns().charge(user, stamp);
        leadership.enqueue(new AcceptedWrite(x, y, color, user, origin, requestId, stamp));
    }

    /**
     * The cooldown grant a write waited for committed in its player's home shard: the write joins the next batch
     * with the grant's stamp, while this node still leads the write's shard.
     */
    void granted(AcceptedWrite write, long now) {
        if (ctx.state().committedRequest(write.origin(), write.requestId())) {
            return; // ordered already, by a leader of another term
        }
        if (leadership.active()) {
            // Seen in this term from now on: the origin sending it again to this leader must not ask a second grant.
            leadership.firstSighting(write.origin(), write.requestId());
            leadership.enqueue(write);
        } else {
            reject(write.origin(), write.requestId(), new PlaceException(PlaceError.NO_QUORUM,
                "leadership changed before the write was proposed"), now);
        }
    }

    /** The player's home shard refused the grant a write waited for: its client hears why. */
    void refuseGranted(AcceptedWrite write, PlaceException error, long now) {
        reject(write.origin(), write.requestId(), error, now);
    }

    /** Placements of players whose home is another shard wait for a grant from there (ADR 0017). */
    void useGrants(CooldownGrants crossShard, ShardGroup mine) {
        this.grants = crossShard;
        this.group = mine;
    }

    /** The leadership that accepted these writes ended before proposing them: their clients hear NO_QUORUM. */
    void refuseUnproposed(List<AcceptedWrite> writes, long now) {
        for (AcceptedWrite write : writes) {
            reject(write.origin(), write.requestId(), new PlaceException(PlaceError.NO_QUORUM,
                "leadership changed before the write was proposed"), now);
        }
    }

    /** Orders the writes held while this leader recovered, now that it is active. */
    void releaseHeld(long now) {
        leadership.releaseHeld().forEach(update -> onPixelUpdate(update.nodeId(), update, now));
    }

    private void reject(int origin, long requestId, PlaceException error, long now) {
        if (origin == ctx.self()) {
            steps.refuseLocal(requestId, error, now);
        } else {
            ctx.send(origin, new PeerMessage.PlaceRejected(ctx.self(), requestId, error.code().name(),
                error.remainingMs()));
        }
    }
}
