package org.distriplace.core.node;

import org.distriplace.core.message.MessageHandler;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.election.BullyElection;

/**
 * The engine's table of where each message goes: one line per type (the election's own messages go straight to
 * it), and, where a message's handling crosses roles, the order of the steps written out.
 */
final class MessageRoutes implements MessageHandler {

    private final BullyElection election;
    private final Heartbeats heartbeats;
    private final CatchUp catchUp;
    private final Voting voting;
    private final Leadership leadership;
    private final WriteAdmission admission;
    private final AccountAdmission accountAdmission;
    private final ShardGroup.LocalRefusals refusals;
    private final HistoryCatchUp history;

    /** @param refusals where a leader's refusal of a request made here goes (the node finds whose it is) */
    MessageRoutes(BullyElection election, Heartbeats heartbeats, CatchUp catchUp, Voting voting,
                  Leadership leadership, WriteAdmission admission, AccountAdmission accountAdmission,
                  ShardGroup.LocalRefusals refusals, HistoryCatchUp history) {
        this.election = election;
        this.heartbeats = heartbeats;
        this.catchUp = catchUp;
        this.voting = voting;
        this.leadership = leadership;
        this.admission = admission;
        this.accountAdmission = accountAdmission;
        this.refusals = refusals;
        this.history = history;
    }

    /**
     * What a node outside the committed configuration may say: a joiner asks to join and for state; it votes on
     * proposals (counted only where it is a member); one named by a configuration still in doubt promises, so a
     * recovering leader can hear from a majority of that configuration; a learner's refusal tells a leader of a
     * newer epoch it promised; and anyone's heartbeat may carry a newer committed configuration (the one that
     * tells a stale member it was removed).
     */
    static boolean acceptedFromOutsiders(PeerMessage message) {
        return switch (message.kind()) {
            case JOIN_REQUEST, SYNC_REQUEST, ACCOUNTS_REQUEST, VOTE, PROMISE, REFUSE, HEARTBEAT -> true;
            default -> false;
        };
    }

    /** Messages only a group's members send: from anyone else, they show it holds an old configuration. */
    static boolean electsIn(PeerMessage message) {
        return message.kind() == MessageKind.ELECTION || message.kind() == MessageKind.COORDINATOR;
    }

    /** A node removed for good listens only for configurations: it takes no part in the protocol any more. */
    static boolean heardWhenRemoved(PeerMessage message) {
        return message.kind() == MessageKind.HEARTBEAT;
    }

    @Override
    public void onPixelUpdate(int from, PeerMessage.PixelUpdate message, long now) {
        admission.onPixelUpdate(from, message, now);
    }

    @Override
    public void onPixelUpdates(int from, PeerMessage.PixelUpdates message, long now) {
        for (PeerMessage.PixelUpdate update : message.updates()) {
            admission.onPixelUpdate(from, update, now);
        }
    }

    @Override
    public void onAccountUpdate(int from, PeerMessage.AccountUpdate message, long now) {
        accountAdmission.onAccountUpdate(from, message, now);
    }

    /** A refusal answers a placement or an account change made here, whichever has its request id. */
    @Override
    public void onPlaceRejected(int from, PeerMessage.PlaceRejected message, long now) {
        PlaceException error = ClientGateway.rejection(message);
        refusals.refuse(message.requestId(), error, now);
    }

    @Override
    public void onHeartbeat(int from, PeerMessage.Heartbeat message, long now) {
        heartbeats.onHeartbeat(from, message, now);
    }

    @Override
    public void onJoin(int from, PeerMessage.Join message, long now) {
        heartbeats.onJoin(from, message);
    }

    @Override
    public void onJoinRequest(int from, PeerMessage.JoinRequest message, long now) {
        heartbeats.answerJoinRequest(from, message, now);
        leadership.onJoinRequest(from, message, now);
    }

    @Override
    public void onRemoveRequest(int from, PeerMessage.RemoveRequest message, long now) {
        leadership.requestRemoval(message.target());
    }

    @Override
    public void onWelcome(int from, PeerMessage.Welcome message, long now) {
        heartbeats.onWelcome(from, message, now);
    }

    @Override
    public void onElection(int from, PeerMessage.Election message, long now) {
        election.onElection(message, now);
    }

    @Override
    public void onAnswer(int from, PeerMessage.Answer message, long now) {
        election.onAnswer(message, now);
    }

    @Override
    public void onCoordinator(int from, PeerMessage.Coordinator message, long now) {
        if (election.onLeaderClaim(from, message.epoch(), now, MessageKind.COORDINATOR)) {
            voting.promiseAsLearner(from, message.epoch());
        }
    }

    @Override
    public void onPromise(int from, PeerMessage.Promise message, long now) {
        leadership.onPromise(message, now);
    }

    @Override
    public void onRefuse(int from, PeerMessage.Refuse message, long now) {
        election.onRefuse(message, now);
    }

    @Override
    public void onPrepare(int from, PeerMessage.Prepare message, long now) {
        voting.onPrepare(from, message, now);
    }

    @Override
    public void onVote(int from, PeerMessage.Vote message, long now) {
        leadership.onVote(message, now);
    }

    @Override
    public void onCommit(int from, PeerMessage.Commit message, long now) {
        voting.onCommit(from, message, now);
    }

    @Override
    public void onAbort(int from, PeerMessage.Abort message, long now) {
        voting.onAbort(from, message, now);
    }

    @Override
    public void onSyncRequest(int from, PeerMessage.SyncRequest message, long now) {
        catchUp.onSyncRequest(from, message, now);
        heartbeats.shareMovedConfiguration(from, now);
    }

    /** Once a whole answer arrived: settled doubts go, the node is caught up, and a recovering leader goes on. */
    @Override
    public void onSyncResponse(int from, PeerMessage.SyncResponse message, long now) {
        if (catchUp.onSyncResponse(from, message, now)) {
            voting.dropSettledInDoubt();
            catchUp.caughtUpWith(from, now);
            leadership.continueRecovery(now);
        }
    }

    @Override
    public void onAccountsRequest(int from, PeerMessage.AccountsRequest message, long now) {
        catchUp.onAccountsRequest(from, message);
    }

    /** Account entries arrived: a recovering leader may have been waiting for them. */
    @Override
    public void onAccountsResponse(int from, PeerMessage.AccountsResponse message, long now) {
        catchUp.onAccountsResponse(from, message, now);
        voting.dropSettledInDoubt();
        leadership.continueRecovery(now);
    }

    /**
     * Answered where the history is read, off the node's thread (the runtime's history readers, the simulator's
     * node): the node's thread reads no disk. One that reaches the engine is dropped.
     */
    @Override
    public void onHistoryRequest(int from, PeerMessage.HistoryRequest message, long now) {
    }

    @Override
    public void onHistoryResponse(int from, PeerMessage.HistoryResponse message, long now) {
        history.onResponse(from, message, now);
    }

    /** Never called: the engine unpacks a bundle and routes each part to its group's routes. */
    @Override
    public void onBundle(int from, PeerMessage.Bundle message, long now) {
        throw new IllegalStateException("a bundle reached a group's routes");
    }
}
