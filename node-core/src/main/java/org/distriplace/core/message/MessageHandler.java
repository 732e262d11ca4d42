package org.distriplace.core.message;

/**
 * Handles each type of {@link PeerMessage} received from a peer: {@link PeerMessage#dispatch} calls the one method
 * for the message's type, so adding a type to the sealed family is one method here, checked by the compiler.
 */
public interface MessageHandler {

    void onPixelUpdate(int from, PeerMessage.PixelUpdate message, long now);

    void onPixelUpdates(int from, PeerMessage.PixelUpdates message, long now);

    void onAccountUpdate(int from, PeerMessage.AccountUpdate message, long now);

    void onPlaceRejected(int from, PeerMessage.PlaceRejected message, long now);

    void onHeartbeat(int from, PeerMessage.Heartbeat message, long now);

    void onJoin(int from, PeerMessage.Join message, long now);

    void onJoinRequest(int from, PeerMessage.JoinRequest message, long now);

    void onRemoveRequest(int from, PeerMessage.RemoveRequest message, long now);

    void onWelcome(int from, PeerMessage.Welcome message, long now);

    void onElection(int from, PeerMessage.Election message, long now);

    void onAnswer(int from, PeerMessage.Answer message, long now);

    void onCoordinator(int from, PeerMessage.Coordinator message, long now);

    void onPromise(int from, PeerMessage.Promise message, long now);

    void onRefuse(int from, PeerMessage.Refuse message, long now);

    void onPrepare(int from, PeerMessage.Prepare message, long now);

    void onVote(int from, PeerMessage.Vote message, long now);

    void onCommit(int from, PeerMessage.Commit message, long now);

    void onAbort(int from, PeerMessage.Abort message, long now);

    void onSyncRequest(int from, PeerMessage.SyncRequest message, long now);

    void onSyncResponse(int from, PeerMessage.SyncResponse message, long now);

    void onAccountsRequest(int from, PeerMessage.AccountsRequest message, long now);

    void onAccountsResponse(int from, PeerMessage.AccountsResponse message, long now);

    void onHistoryRequest(int from, PeerMessage.HistoryRequest message, long now);

    void onHistoryResponse(int from, PeerMessage.HistoryResponse message, long now);

    /** Messages of several groups from one node; the engine unpacks them and routes each part to its group. */
    void onBundle(int from, PeerMessage.Bundle message, long now);
}
