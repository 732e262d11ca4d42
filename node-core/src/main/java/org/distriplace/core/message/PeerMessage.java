package org.distriplace.core.message;

import java.util.List;
import java.util.Objects;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * Every message one peer sends another. Plain records: JSON exists only in {@code org.distriplace.core.wire},
 * where each record becomes {@code {"type":"KIND", ...fields in snake_case}} as in the seed design.
 *
 * <p>Every message names its sender ({@link #nodeId()}); the transport vouches for it (peers authenticate before
 * anything is accepted). Handlers are idempotent: messages may be lost, delayed, duplicated or reordered.
 *
 * <p>The catch-up messages (sync, accounts and history) are declared in {@link CatchUpMessages}, which this interface
 * extends so that they are its members too: {@code PeerMessage.SyncRequest} as much as {@code PeerMessage.Prepare}.
 * The bundle of several groups' messages is declared in {@link GroupMessages} the same way.
 */
public sealed interface PeerMessage extends CatchUpMessages, GroupMessages
    permits PeerMessage.PixelUpdate, PeerMessage.PixelUpdates, PeerMessage.AccountUpdate, PeerMessage.PlaceRejected,
        PeerMessage.Heartbeat, PeerMessage.Join, PeerMessage.JoinRequest, PeerMessage.RemoveRequest,
        PeerMessage.Welcome, PeerMessage.Election, PeerMessage.Answer, PeerMessage.Coordinator, PeerMessage.Promise,
        PeerMessage.Refuse, PeerMessage.Prepare, PeerMessage.Vote, PeerMessage.Commit, PeerMessage.Abort,
        CatchUpMessages.SyncRequest, CatchUpMessages.SyncResponse, CatchUpMessages.AccountsRequest,
        CatchUpMessages.AccountsResponse, CatchUpMessages.HistoryRequest, CatchUpMessages.HistoryResponse,
        GroupMessages.Bundle {

    MessageKind kind();

    /** The sending node. */
    int nodeId();

    /**
     * Calls the handler's method for this message's type, received from {@code from} at {@code now}: one method per
     * type, so a new message type does not compile until every handler takes it.
     */
    void dispatch(MessageHandler handler, int from, long now);

    /** One short line describing this message, for event logs and traces. */
    String summary();

    /** A client write, forwarded by the node the client used (the origin) to the leader, which orders it. */
    record PixelUpdate(int nodeId, long requestId, String user, int x, int y, Color color,
                       long timestamp, VectorClock vectorClock) implements PeerMessage {
        public PixelUpdate {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(color, "color");
            Objects.requireNonNull(vectorClock, "vector_clock");
        }

        public MessageKind kind() { return MessageKind.PIXEL_UPDATE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onPixelUpdate(from, this, now); }

        public String summary() {
            return "(" + x + "," + y + ")=" + color + " by " + user + " req " + requestId;
        }
    }

    /**
     * Several client writes forwarded together: an origin sends what its clients placed within one tick as one
     * message per leader, each element a whole {@code PIXEL_UPDATE}, rather than a message per pixel.
     */
    record PixelUpdates(int nodeId, List<PixelUpdate> updates) implements PeerMessage {
        public PixelUpdates {
            updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
            if (updates.isEmpty()) {
                throw new IllegalArgumentException("updates: at least one");
            }
        }

        public MessageKind kind() { return MessageKind.PIXEL_UPDATES; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onPixelUpdates(from, this, now); }

        /** Every write's summary, so a write can be followed by its request id. */
        public String summary() {
            StringBuilder text = new StringBuilder(updates.size() + " writes: ");
            for (int i = 0; i < updates.size(); i++) {
                text.append(i == 0 ? "" : "; ").append(updates.get(i).summary());
            }
            return text.toString();
        }
    }

    /** An account change a client asked for (a registration, a ban), forwarded by its origin to the leader. */
    record AccountUpdate(int nodeId, long requestId, AccountChange change, long timestamp) implements PeerMessage {
        public AccountUpdate {
            Objects.requireNonNull(change, "change");
        }

        public MessageKind kind() { return MessageKind.ACCOUNT_UPDATE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onAccountUpdate(from, this, now); }

        public String summary() {
            return change + " req " + requestId;
        }
    }

    /**
     * The leader refusing a forwarded write or account change, so the origin can answer its client (code is a
     * PlaceError name).
     */
    record PlaceRejected(int nodeId, long requestId, String code, long remainingMs) implements PeerMessage {
        public PlaceRejected {
            Objects.requireNonNull(code, "code");
        }

        public MessageKind kind() { return MessageKind.PLACE_REJECTED; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onPlaceRejected(from, this, now); }

        public String summary() {
            return code + " req " + requestId;
        }
    }

    /**
     * Sent to every peer each heartbeat interval; carries the sender's epoch, leader and committed configuration so
     * stale views heal (a node adopts a newer committed configuration from anyone).
     */
    record Heartbeat(int nodeId, long timestamp, String status, long epoch, int leaderId, Membership membership)
        implements PeerMessage {
        public Heartbeat {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(membership, "membership");
        }

        public MessageKind kind() { return MessageKind.HEARTBEAT; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onHeartbeat(from, this, now); }

        public String summary() {
            return "epoch " + epoch + " leader " + leaderId;
        }
    }

    /** A starting node announcing itself, with the version it recovered from its own storage. */
    record Join(int nodeId, long epoch, VectorClock version) implements PeerMessage {
        public Join {
            Objects.requireNonNull(version, "version");
        }

        public MessageKind kind() { return MessageKind.JOIN; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onJoin(from, this, now); }

        public String summary() {
            return "epoch " + epoch + " version " + version;
        }
    }

    /**
     * A node outside the configuration asking to become a member: sent to every member it knows until a committed
     * configuration names it (members learn its address from it, so they can answer its sync requests). Only the
     * active leader acts on it: it sends the asker every proposal from then on, and proposes it as a member once it
     * has caught up.
     *
     * @param address  the peer address members should dial ({@code host:port})
     * @param caughtUp whether the asker has caught up with the cluster once (full state)
     */
    record JoinRequest(int nodeId, String address, VectorClock version, boolean caughtUp) implements PeerMessage {
        public JoinRequest {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(version, "version");
        }

        public MessageKind kind() { return MessageKind.JOIN_REQUEST; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onJoinRequest(from, this, now); }

        public String summary() {
            return "at " + address + " version " + version + (caughtUp ? "" : " (catching up)");
        }
    }

    /**
     * "Remove {@code target} from the configuration": sent to the leader by a member leaving (its own id) or by the
     * node an operator asked to remove a member that will not come back. Sent again until a configuration without
     * the target commits; the leader proposes the change once no other change is under way.
     */
    record RemoveRequest(int nodeId, int target) implements PeerMessage {
        public MessageKind kind() { return MessageKind.REMOVE_REQUEST; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onRemoveRequest(from, this, now); }

        public String summary() {
            return target == nodeId ? "leaving" : "remove n" + target;
        }
    }

    /** The answer to JOIN: the cluster's epoch and leader as this peer knows them. */
    record Welcome(int nodeId, long epoch, int leaderId) implements PeerMessage {
        public MessageKind kind() { return MessageKind.WELCOME; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onWelcome(from, this, now); }

        public String summary() {
            return "epoch " + epoch + " leader " + leaderId;
        }
    }

    /** Bully election: sent to every higher id. */
    record Election(int nodeId, int priority, long epoch) implements PeerMessage {
        public MessageKind kind() { return MessageKind.ELECTION; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onElection(from, this, now); }

        public String summary() {
            return "epoch " + epoch;
        }
    }

    /** Bully election: a higher id saying "I am alive, I take over". */
    record Answer(int nodeId, long epoch) implements PeerMessage {
        public MessageKind kind() { return MessageKind.ANSWER; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onAnswer(from, this, now); }

        public String summary() {
            return "epoch " + epoch;
        }
    }

    /** Bully election: the winner claiming leadership of a new, higher epoch. */
    record Coordinator(int nodeId, long epoch) implements PeerMessage {
        public MessageKind kind() { return MessageKind.COORDINATOR; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onCoordinator(from, this, now); }

        public String summary() {
            return "epoch " + epoch;
        }
    }

    /**
     * A follower accepting a leader's epoch: from now on it refuses anything from older epochs. Reports what the new
     * leader needs to finish the old epochs: batches prepared but undecided here (a configuration among them is
     * in doubt), this replica's version, the newest configuration it holds as committed, and the version of its
     * account entries.
     */
    record Promise(int nodeId, long epoch, long installedEpoch, List<Batch> inDoubt, VectorClock version,
                   Membership config, VectorClock accounts) implements PeerMessage {
        public Promise {
            inDoubt = List.copyOf(inDoubt);
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(accounts, "accounts");
        }

        public MessageKind kind() { return MessageKind.PROMISE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onPromise(from, this, now); }

        public String summary() {
            return "epoch " + epoch + " installed " + installedEpoch + " in-doubt " + inDoubt.size();
        }
    }

    /** "Your message is from an older epoch": tells a stale sender the epoch and leader this node follows. */
    record Refuse(int nodeId, long epoch, int leaderId, MessageKind refused) implements PeerMessage {
        public Refuse {
            Objects.requireNonNull(refused, "refused");
        }

        public MessageKind kind() { return MessageKind.REFUSE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onRefuse(from, this, now); }

        public String summary() {
            return refused + " (epoch " + epoch + ", leader " + leaderId + ")";
        }
    }

    /**
     * Two-phase commit, phase one: the leader proposes a batch. Carries the decision on the leader's previous
     * proposal, so a follower that missed a COMMIT or ABORT learns it here.
     *
     * @param previous the previous proposal's decision, or null for the first of an epoch
     * @param config   the configuration the batch installs, or null
     * @param required for a configuration batch, the leader's version: only a replica holding all of it may vote yes
     *                 (so every later majority holds everything committed before the change); null otherwise
     * @param accounts the account changes the batch orders
     */
    record Prepare(long proposalId, long epoch, int nodeId, List<PixelWrite> batch, Decision previous,
                   Membership config, VectorClock required, List<AccountEntry> accounts) implements PeerMessage {
        public Prepare {
            batch = List.copyOf(batch);
            accounts = List.copyOf(accounts);
        }

        /** A PREPARE ordering no account change. */
        public Prepare(long proposalId, long epoch, int nodeId, List<PixelWrite> batch, Decision previous,
                       Membership config, VectorClock required) {
            this(proposalId, epoch, nodeId, batch, previous, config, required, List.of());
        }

        /** A PREPARE of writes only. */
        public Prepare(long proposalId, long epoch, int nodeId, List<PixelWrite> batch, Decision previous) {
            this(proposalId, epoch, nodeId, batch, previous, null, null);
        }

        public MessageKind kind() { return MessageKind.PREPARE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onPrepare(from, this, now); }

        public String summary() {
            return epoch + "/" + proposalId + " (" + batch.size() + " writes"
                + (accounts.isEmpty() ? "" : ", " + accounts.size() + " account changes")
                + (config == null ? ")" : ", members " + config.members() + ")");
        }

        public Batch asBatch() {
            return new Batch(epoch, proposalId, nodeId, batch, config, accounts);
        }
    }

    /** The outcome of one proposal. */
    record Decision(long proposalId, boolean committed) {
    }

    /** Two-phase commit: a follower's vote; {@code accept} false says it will not hold the batch. */
    record Vote(long proposalId, long epoch, int nodeId, boolean accept) implements PeerMessage {
        public MessageKind kind() { return MessageKind.VOTE; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onVote(from, this, now); }

        public String summary() {
            return epoch + "/" + proposalId + (accept ? " yes" : " no");
        }
    }

    /** Two-phase commit, phase two: a majority of the membership holds the batch; apply it. */
    record Commit(long proposalId, long epoch, int nodeId) implements PeerMessage {
        public MessageKind kind() { return MessageKind.COMMIT; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onCommit(from, this, now); }

        public String summary() {
            return epoch + "/" + proposalId;
        }
    }

    /** Two-phase commit: no majority in time; forget the batch (its writes may be proposed again). */
    record Abort(long proposalId, long epoch, int nodeId) implements PeerMessage {
        public MessageKind kind() { return MessageKind.ABORT; }

        public void dispatch(MessageHandler handler, int from, long now) { handler.onAbort(from, this, now); }

        public String summary() {
            return epoch + "/" + proposalId;
        }
    }
}
