package org.distriplace.core.node;

/**
 * A configuration change that cannot be made, or was not made in time, with a code a caller can act on and a
 * message for people.
 */
public final class MembershipChangeException extends RuntimeException {

    /** Why a change was refused. */
    public enum Code {
        /** The id is not a member of the configuration this node holds. */
        UNKNOWN_MEMBER,
        /** The configuration has one member; a cluster is never emptied. */
        LAST_MEMBER,
        /** A node does not remove itself at another's request; stopping it makes it leave. */
        SELF,
        /** No configuration without the member committed in time: no leader with a majority was reachable. */
        NO_QUORUM,
        /** The node is stopped, removed, or not a member itself. */
        NOT_READY,
        /** A sharded cluster keeps its members until a departing node's shards can move off it (ADR 0017). */
        FIXED_MEMBERS
    }

    private final Code code;

    public MembershipChangeException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
