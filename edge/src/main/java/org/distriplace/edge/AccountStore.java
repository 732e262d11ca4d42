package org.distriplace.edge;

import java.util.concurrent.CompletableFuture;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.read.Accounts;

/** Where the edges keep accounts and bans, shared by every edge (PostgreSQL). Thread-safe. */
public interface AccountStore extends AutoCloseable {

    /** The accounts and bans as this edge last loaded them. */
    Accounts current();

    /** Registers, bans or unbans; completes once durable, or with a PlaceException (NAME_TAKEN, NOT_READY). */
    CompletableFuture<AccountEntry> change(AccountChange change);

    /** Calls {@code listener} after every reload that changed what {@link #current} returns. */
    void onChange(Runnable listener);

    /** Why accounts cannot be read or changed now, or empty. */
    String failure();

    @Override
    void close();
}
