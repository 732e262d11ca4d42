package org.distriplace.inspector.model;

import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;

/** What part of the protocol an event or message belongs to: the inspector colours and filters by it. */
public enum Topic {
    HEARTBEAT("heartbeat"),
    ELECTION("election"),
    COMMIT("2PC"),
    SYNC("gossip/sync"),
    MEMBERSHIP("membership"),
    CLIENT("client"),
    FAILURE("failure detector"),
    LIFECYCLE("lifecycle");

    /** The topics peer messages belong to (the others are only ever local events). */
    public static final java.util.List<Topic> MESSAGES = java.util.List.of(HEARTBEAT, ELECTION, COMMIT, SYNC,
        MEMBERSHIP, CLIENT);

    private final String label;

    Topic(String label) {
        this.label = label;
    }

    /** A short name for legends and filters. */
    public String label() {
        return label;
    }

    public static Topic of(MessageKind kind) {
        return switch (kind.category()) {
            case CLIENT -> CLIENT;
            case HEARTBEAT -> HEARTBEAT;
            case MEMBERSHIP -> MEMBERSHIP;
            case ELECTION -> ELECTION;
            case COMMIT -> COMMIT;
            case SYNC -> SYNC;
            // Nodes report each part of a bundle as its own message; a bundle is only ever counted, never shown.
            case GROUPS -> MEMBERSHIP;
        };
    }

    public static Topic of(NodeEvent event) {
        if (event instanceof NodeEvent.MessageSent e) {
            return of(e.kind());
        } else if (event instanceof NodeEvent.MessageReceived e) {
            return of(e.kind());
        } else if (event instanceof NodeEvent.HeartbeatReceived) {
            return HEARTBEAT;
        } else if (event instanceof NodeEvent.SuspicionChanged) {
            return FAILURE;
        } else if (event instanceof NodeEvent.ElectionStep || event instanceof NodeEvent.EpochChanged
            || event instanceof NodeEvent.RoleChanged) {
            return ELECTION;
        } else if (event instanceof NodeEvent.CommitPhase || event instanceof NodeEvent.Committed) {
            return COMMIT;
        } else if (event instanceof NodeEvent.SyncStep) {
            return SYNC;
        } else if (event instanceof NodeEvent.MembershipChanged) {
            return MEMBERSHIP;
        } else if (event instanceof NodeEvent.PlacementFailed || event instanceof NodeEvent.ClientsTold) {
            return CLIENT;
        }
        return LIFECYCLE;
    }
}
