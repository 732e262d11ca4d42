package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * Where clients' placements enter the node: each is validated here (bounds, colour, readiness), routed to the
 * current leader (forwarded, or admitted here when this node leads), routed again when a leader of a newer epoch
 * appears, and answered when its write commits on this replica (it learns of commits by subscription), when the
 * leader refuses it, or with NO_QUORUM at its deadline. Answers leave through the durability gate. Owned by the
 * node's thread.
 */
final class ClientGateway implements CommittedState.Subscriber {

    private final GroupContext ctx;
    private final CatchUp catchUp;
    private final Leadership leadership;
    private final WriteAdmission admission;
    private final ClientRequests requests = new ClientRequests();
    /** Writes to forward at the end of this tick, by the leader they go to. */
    private final Map<Integer, List<PeerMessage.PixelUpdate>> forwards = new TreeMap<>();

    ClientGateway(GroupContext ctx, CatchUp catchUp, Leadership leadership, WriteAdmission admission) {
        this.ctx = ctx;
        this.catchUp = catchUp;
        this.leadership = leadership;
        this.admission = admission;
    }

    /** The node stops: waiting clients fail with {@code error}. */
    void close(PlaceException error) {
        requests.failAll(error);
    }

    /** Placements waiting for their commit. */
    int pending() {
        return requests.size();
    }

    /**
     * Places a pixel. The future completes when the write is committed on this replica (and durable), or with a
     * {@link PlaceException}: OUT_OF_BOUNDS, BAD_COLOR, COOLDOWN (with the time left), NO_QUORUM, NOT_READY.
     */
    CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        CompletableFuture<PlaceResult> outcome = new CompletableFuture<>();
        CompletableFuture<PlaceResult> answer = ctx.gate().answering(outcome);
        PlaceException refused = validate(user, x, y, color);
        if (refused != null) {
            outcome.completeExceptionally(refused);
            return answer;
        }
        long now = ctx.now();
        ClientRequests.Pending request = new ClientRequests.Pending(ctx.stamp(now), user, x, y, color,
            now + ctx.config().placeTimeoutMs(), outcome);
        requests.add(request);
        route(request, now);
        failWhatNoOneCanOrder(now);
        return answer;
    }

    private PlaceException validate(String user, int x, int y, Color color) {
        int self = ctx.self();
        if (!ctx.running()) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self + " is not running");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must be named");
        }
        if (!ctx.replica().canvas().contains(x, y)) {
            return new PlaceException(PlaceError.OUT_OF_BOUNDS, "(" + x + "," + y + ") is outside the "
                + ctx.config().width() + "x" + ctx.config().height() + " canvas");
        }
        if (color == null || !ctx.config().palette().contains(color)) {
            return new PlaceException(PlaceError.BAD_COLOR, color + " is not in the palette");
        }
        MembershipView cluster = ctx.cluster().members(); // a learner of this group takes placements too
        if (cluster.removed()) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self + " was removed from the cluster and "
                + "takes no placements");
        }
        if (!cluster.isMember()) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self
                + " is waiting to be admitted to the cluster");
        }
        if (!catchUp.ready()) {
            return new PlaceException(PlaceError.NOT_READY, "node " + self + " is still catching up with the cluster");
        }
        return null;
    }

    private void route(ClientRequests.Pending request, long now) {
        int target = leadership.leaderToAsk();
        if (target == 0) {
            catchUp.findLeader(now);
            return;
        }
        request.forwardedTo = target;
        request.forwardedEpoch = ctx.election().epoch();
        if (target == ctx.self()) {
            admission.accept(ctx.self(), request.requestId, request.user, request.x, request.y, request.color, now);
        } else {
            forwards.computeIfAbsent(target, leader -> new ArrayList<>()).add(new PeerMessage.PixelUpdate(ctx.self(),
                request.requestId, request.user, request.x, request.y, request.color, request.requestId,
                ctx.replica().version()));
        }
    }

    /**
     * Sends the tick's forwards: one message per leader, not one per pixel (a lone write goes as the seed's
     * {@code PIXEL_UPDATE}). Waiting a tick costs a write at most {@code tickMs}, against the leader's batch interval.
     */
    void sendForwards() {
        if (forwards.isEmpty()) {
            return;
        }
        forwards.forEach((leader, updates) -> ctx.send(leader, updates.size() == 1 ? updates.get(0)
            : new PeerMessage.PixelUpdates(ctx.self(), updates)));
        forwards.clear();
    }

    /**
     * Routes again what a new leader should take, fails at once what no leader can take, and fails what is past its
     * deadline.
     */
    void tick(long now) {
        if (requests.size() == 0 && forwards.isEmpty()) {
            return; // a node holds a gateway per shard, and most are idle on most ticks
        }
        for (ClientRequests.Pending request : requests.notRoutedTo(leadership.leaderToAsk(), ctx.election().epoch())) {
            route(request, now);
        }
        failWhatNoOneCanOrder(now);
        sendForwards();
        for (ClientRequests.Pending expired : requests.expire(now)) {
            PlaceException error = new PlaceException(PlaceError.NO_QUORUM, "not confirmed within "
                + ctx.config().placeTimeoutMs() + " ms: no leader with a majority was reachable (the pixel may still "
                + "appear if the cluster recovers)", 0);
            failed(now, expired.user, error);
            expired.future.completeExceptionally(error);
        }
    }

    /**
     * With no leader to ask and fewer than a majority of members alive, no leader can arise: requests never handed
     * to one fail now rather than at their deadline. (Those already handed to a leader may still commit, so they
     * keep waiting.)
     */
    private void failWhatNoOneCanOrder(long now) {
        if (leadership.leaderToAsk() != 0 || leadership.majorityAlive()) {
            return;
        }
        Membership members = ctx.members().current();
        for (ClientRequests.Pending request : requests.takeNeverRouted()) {
            PlaceException error = new PlaceException(PlaceError.NO_QUORUM, "no majority: node " + ctx.self()
                + " reaches " + leadership.aliveMembers() + " of the " + members.size() + " members ("
                + members.quorum() + " needed), so nothing was sent", 0);
            failed(now, request.user, error);
            request.future.completeExceptionally(error);
        }
    }

    /** Answers the clients whose writes just committed here. */
    @Override
    public void committed(List<PixelWrite> applied) {
        for (PixelWrite write : applied) {
            if (write.origin() == ctx.self()) {
                requests.committed(write, Hlc.physical(write.timestamp()) + ctx.config().cooldownMs());
            }
        }
    }

    /** What the leader's refusal of a request made here tells its client. */
    static PlaceException rejection(PeerMessage.PlaceRejected rejected) {
        PlaceError code;
        try {
            code = PlaceError.valueOf(rejected.code());
        } catch (IllegalArgumentException unknown) {
            code = PlaceError.NO_QUORUM;
        }
        String message = switch (code) {
            case COOLDOWN -> "wait " + (rejected.remainingMs() + 999) / 1000 + " s before placing again";
            case NO_QUORUM -> "the leader cannot reach a majority of the cluster";
            case NAME_TAKEN -> "that name is taken";
            case BANNED -> "this player is banned by a moderator";
            default -> "refused by the leader (" + rejected.code() + ")";
        };
        return new PlaceException(code, message, rejected.remainingMs());
    }

    /** A request made here was refused: its client hears why. */
    void refuse(long requestId, PlaceException error, long now) {
        ClientRequests.Pending request = requests.fail(requestId, error);
        if (request != null) {
            failed(now, request.user, error);
        }
    }

    /** Tells watchers that a placement failed, and why. */
    private void failed(long now, String user, PlaceException error) {
        ctx.events().emit(new NodeEvent.PlacementFailed(now, ctx.self(), user, error.code().name(),
            error.getMessage()));
    }
}
