package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Moderation;
import org.distriplace.core.protocol.commit.AcceptedWrite;
import org.distriplace.core.protocol.shard.Rendezvous;

/**
 * The cooldown across shards (ADR 0017): a player's placements are spaced by one shard, the player's <em>home</em>
 * (its name hashed onto the shards). A shard's leader that admits a placement of a player whose home is another
 * shard first asks the home shard's leader for a grant; the home commits the grant as one of its account entries,
 * after the same cooldown check a placement gets, and the placement then joins the pixel shard's next batch with the
 * grant's stamp. So two placements of one player anywhere commit at least a cooldown apart: one group orders every
 * grant of a player. A grant whose placement never commits still counts (a player may be overcharged, never
 * undercharged). Owned by the node's thread.
 */
final class CooldownGrants implements CommittedState.Subscriber {

    /** A placement admitted here, waiting for its grant; {@code askedOf} the home leader asked last (0: none). */
    private static final class Waiting {
        final ShardGroup pixel;
        final AcceptedWrite write;
        final long deadline;
        int askedOf;

        Waiting(ShardGroup pixel, AcceptedWrite write, long deadline) {
            this.pixel = pixel;
            this.write = write;
            this.deadline = deadline;
        }
    }

    private final NodeShared node;
    private final Groups groups;
    /** Placements waiting for a grant, by the grant's request id. */
    private final Map<Long, Waiting> waiting = new HashMap<>();

    CooldownGrants(NodeShared node, Groups groups) {
        this.node = node;
        this.groups = groups;
    }

    /** True when {@code user}'s placement in {@code pixel} needs a grant: a cooldown holds, and its home is elsewhere. */
    boolean needed(ShardGroup pixel, String user) {
        return groups.writing().size() > 1 && node.config().cooldownMs() > 0 && !Moderation.isModeration(user)
            && home(user) != pixel;
    }

    /** The shard group that orders {@code user}'s cooldown. */
    ShardGroup home(String user) {
        List<ShardGroup> shards = groups.writing();
        return shards.get(homeShard(user, shards.size()));
    }

    /** The id of {@code user}'s home among {@code shards} shards: its name's hash, mixed, onto the shards. */
    static int homeShard(String user, int shards) {
        return (int) Math.floorMod(Rendezvous.mix(user.hashCode()), (long) shards);
    }

    /**
     * Asks {@code user}'s home for a grant for {@code write}, which {@code pixel}'s leader here admitted; a request
     * already waiting for a grant (its origin sent it again to this leader in a later term) is not asked twice.
     */
    void ask(ShardGroup pixel, AcceptedWrite write, long now) {
        if (waiting.values().stream().anyMatch(other -> other.write.origin() == write.origin()
            && other.write.requestId() == write.requestId())) {
            return;
        }
        long id = node.hlc().now(now);
        Waiting placement = new Waiting(pixel, write, now + node.config().placeTimeoutMs());
        waiting.put(id, placement);
        send(id, placement, now);
    }

    /** Asks again where the home's leader changed, and forgets placements past their deadline. */
    void tick(long now) {
        waiting.values().removeIf(placement -> now >= placement.deadline);
        for (Map.Entry<Long, Waiting> entry : new ArrayList<>(waiting.entrySet())) {
            Waiting placement = entry.getValue();
            int leader = home(placement.write.user()).leadership().leaderToAsk();
            if (placement.askedOf != leader || leader == 0) {
                send(entry.getKey(), placement, now);
            }
        }
    }

    private void send(long id, Waiting placement, long now) {
        ShardGroup home = home(placement.write.user());
        int leader = home.leadership().leaderToAsk();
        placement.askedOf = leader;
        AccountChange grant = AccountChange.grant(placement.write.user());
        if (leader == node.self()) {
            home.accountAdmission().accept(node.self(), id, grant, now);
        } else if (leader != 0) {
            home.ctx().send(leader, new PeerMessage.AccountUpdate(node.self(), id, grant,
                placement.write.timestamp()));
        } else {
            home.catchUp().findLeader(now);
        }
    }

    /** Grants committed in a home shard: the placements waiting here for them join their shard's next batch. */
    @Override
    public void accountsCommitted(List<AccountEntry> applied) {
        for (AccountEntry entry : applied) {
            if (entry.change().kind() == AccountChange.Kind.GRANT && entry.origin() == node.self()) {
                Waiting placement = waiting.remove(entry.requestId());
                if (placement != null) {
                    AcceptedWrite write = placement.write;
                    placement.pixel.admission().granted(new AcceptedWrite(write.x(), write.y(), write.color(),
                        write.user(), write.origin(), write.requestId(), entry.timestamp()), node.now());
                }
            }
        }
    }

    /** The home refused grant {@code requestId}: its placement is refused for the same reason. */
    boolean refuse(long requestId, PlaceException error, long now) {
        Waiting placement = waiting.remove(requestId);
        if (placement == null) {
            return false;
        }
        placement.pixel.admission().refuseGranted(placement.write, error, now);
        return true;
    }
}
