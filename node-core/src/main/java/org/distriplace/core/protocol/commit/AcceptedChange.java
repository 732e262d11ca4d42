package org.distriplace.core.protocol.commit;

import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;

/** An account change the leader has admitted and stamped, waiting for a batch (it gets its dot when proposed). */
public record AcceptedChange(AccountChange change, int origin, long requestId, long timestamp) {

    /** The change an entry orders, as it was admitted. */
    public static AcceptedChange of(AccountEntry entry) {
        return new AcceptedChange(entry.change(), entry.origin(), entry.requestId(), entry.timestamp());
    }

    /** The proposed entry: ordered by {@code leader} as its {@code counter}th, first proposed in {@code batch}. */
    public AccountEntry toEntry(int leader, long counter, long epoch, long batch) {
        return new AccountEntry(change, origin, requestId, timestamp, leader, counter, epoch, batch);
    }
}
