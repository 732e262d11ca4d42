package org.distriplace.core.message;

/** One short line describing a message, for event logs and traces. */
public final class MessageSummary {

    private MessageSummary() {
    }

    public static String of(PeerMessage message) {
        if (message instanceof PeerMessage.PixelUpdate m) {
            return "(" + m.x() + "," + m.y() + ")=" + m.color() + " by " + m.user() + " req " + m.requestId();
        } else if (message instanceof PeerMessage.PlaceRejected m) {
            return m.code() + " req " + m.requestId();
        } else if (message instanceof PeerMessage.Heartbeat m) {
            return "epoch " + m.epoch() + " leader " + m.leaderId();
        } else if (message instanceof PeerMessage.Join m) {
            return "epoch " + m.epoch() + " version " + m.version();
        } else if (message instanceof PeerMessage.JoinRequest m) {
            return "at " + m.address() + " version " + m.version() + (m.caughtUp() ? "" : " (catching up)");
        } else if (message instanceof PeerMessage.Welcome m) {
            return "epoch " + m.epoch() + " leader " + m.leaderId();
        } else if (message instanceof PeerMessage.Election m) {
            return "epoch " + m.epoch();
        } else if (message instanceof PeerMessage.Answer m) {
            return "epoch " + m.epoch();
        } else if (message instanceof PeerMessage.Coordinator m) {
            return "epoch " + m.epoch();
        } else if (message instanceof PeerMessage.Promise m) {
            return "epoch " + m.epoch() + " installed " + m.installedEpoch() + " in-doubt " + m.inDoubt().size();
        } else if (message instanceof PeerMessage.Refuse m) {
            return m.refused() + " (epoch " + m.epoch() + ", leader " + m.leaderId() + ")";
        } else if (message instanceof PeerMessage.Prepare m) {
            return m.epoch() + "/" + m.proposalId() + " (" + m.batch().size() + " writes"
                + (m.config() == null ? ")" : ", members " + m.config().members() + ")");
        } else if (message instanceof PeerMessage.Vote m) {
            return m.epoch() + "/" + m.proposalId() + (m.accept() ? " yes" : " no");
        } else if (message instanceof PeerMessage.Commit m) {
            return m.epoch() + "/" + m.proposalId();
        } else if (message instanceof PeerMessage.Abort m) {
            return m.epoch() + "/" + m.proposalId();
        } else if (message instanceof PeerMessage.SyncRequest m) {
            return "version " + m.myVersion() + " hash " + m.stateHash();
        } else if (message instanceof PeerMessage.SyncResponse m) {
            return m.carriesFullState()
                ? m.tiles().size() + " tiles, version " + m.version()
                : m.missingUpdates().size() + " writes";
        }
        throw new IllegalArgumentException("unknown message " + message);
    }
}
