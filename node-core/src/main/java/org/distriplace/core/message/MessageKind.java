package org.distriplace.core.message;

/** Every peer message type, with its wire name and the protocol it belongs to (the inspector colours by it). */
public enum MessageKind {
    PIXEL_UPDATE(Category.CLIENT),
    PIXEL_UPDATES(Category.CLIENT),
    ACCOUNT_UPDATE(Category.CLIENT),
    PLACE_REJECTED(Category.CLIENT),
    HEARTBEAT(Category.HEARTBEAT),
    JOIN(Category.MEMBERSHIP),
    WELCOME(Category.MEMBERSHIP),
    JOIN_REQUEST(Category.MEMBERSHIP),
    REMOVE_REQUEST(Category.MEMBERSHIP),
    ELECTION(Category.ELECTION),
    ANSWER(Category.ELECTION),
    COORDINATOR(Category.ELECTION),
    PROMISE(Category.ELECTION),
    REFUSE(Category.ELECTION),
    PREPARE(Category.COMMIT),
    VOTE(Category.COMMIT),
    COMMIT(Category.COMMIT),
    ABORT(Category.COMMIT),
    SYNC_REQUEST(Category.SYNC),
    SYNC_RESPONSE(Category.SYNC),
    ACCOUNTS_REQUEST(Category.SYNC),
    ACCOUNTS_RESPONSE(Category.SYNC),
    HISTORY_REQUEST(Category.SYNC),
    HISTORY_RESPONSE(Category.SYNC),
    BUNDLE(Category.GROUPS);

    /** The protocol a message belongs to. */
    public enum Category { CLIENT, HEARTBEAT, MEMBERSHIP, ELECTION, COMMIT, SYNC, GROUPS }

    private final Category category;

    MessageKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
