package org.distriplace.edge.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.read.Accounts;
import org.distriplace.edge.AccountStore;

/**
 * Accounts and bans in PostgreSQL, shared by every edge: changes are written in one transaction each (a name is
 * registered once, by its primary key), and every edge reloads them when the newest change it knows moves (checked
 * every {@link #REFRESH_MS}), so a ban on one edge holds on all within a second. Thread-safe.
 */
public final class PgAccounts implements AccountStore {

    static final long REFRESH_MS = 1_000;

    private final PgDatabase database;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread named = new Thread(task, "edge-accounts");
        named.setDaemon(true);
        return named;
    });
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Accounts current = Accounts.NONE;
    private volatile String failure = "not loaded yet";
    private long newest = -1;

    public PgAccounts(PgDatabase database) {
        this.database = database;
        thread.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Accounts current() {
        return current;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<AccountEntry> change(AccountChange change) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection connection = database.connection()) {
                connection.setAutoCommit(false);
                long at = Hlc.pack(System.currentTimeMillis(), 0);
                if (!apply(connection, change, at)) {
                    connection.rollback();
                    throw new PlaceException(PlaceError.NAME_TAKEN, "the name " + change.name() + " is taken");
                }
                long id;
                try (PreparedStatement logged = connection.prepareStatement("INSERT INTO account_changes "
                    + "(kind, name, detail, actor, at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                    logged.setString(1, change.kind().name());
                    logged.setString(2, change.name());
                    logged.setString(3, change.kind() == AccountChange.Kind.REGISTER ? "" : change.detail());
                    logged.setString(4, change.actor());
                    logged.setLong(5, at);
                    try (ResultSet key = logged.executeQuery()) {
                        key.next();
                        id = key.getLong(1);
                    }
                }
                connection.commit();
                refresh();
                return new AccountEntry(change, 0, id, at, 0, id, 0, 0);
            } catch (SQLException e) {
                throw new PlaceException(PlaceError.NOT_READY, "accounts cannot be changed: PostgreSQL is not "
                    + "answering (" + e.getMessage() + ")");
            }
        }, thread);
    }

    /** Writes {@code change}; false when a registration's name is taken. */
    private static boolean apply(Connection connection, AccountChange change, long at) throws SQLException {
        String sql = switch (change.kind()) {
            case REGISTER -> "INSERT INTO accounts (name, password_hash, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO NOTHING";
            case BAN -> "INSERT INTO bans (name, reason, banned_at, banned_by) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET reason = excluded.reason, banned_at = excluded.banned_at, "
                + "banned_by = excluded.banned_by";
            case UNBAN -> "DELETE FROM bans WHERE name = ?";
            // Only the peer cluster's shards make grants (ADR 0017); no API turns a request into one.
            case GRANT -> throw new IllegalArgumentException("a cooldown grant is not an account change of an edge");
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, change.name());
            if (change.kind() != AccountChange.Kind.UNBAN) {
                statement.setString(2, change.detail());
                statement.setLong(3, at);
            }
            if (change.kind() == AccountChange.Kind.BAN) {
                statement.setString(4, change.actor());
            }
            return statement.executeUpdate() > 0 || change.kind() != AccountChange.Kind.REGISTER;
        }
    }

    /** Reloads the accounts if any changed since the last load (on this store's thread). */
    private void refresh() {
        try (Connection connection = database.connection()) {
            long latest;
            try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(max(id), 0) FROM account_changes"); ResultSet row = statement.executeQuery()) {
                row.next();
                latest = row.getLong(1);
            }
            if (latest != newest) {
                current = load(connection);
                newest = latest;
                listeners.forEach(Runnable::run);
            }
            failure = "";
        } catch (SQLException | RuntimeException e) {
            failure = "PostgreSQL: " + e.getMessage();
        }
    }

    private static Accounts load(Connection connection) throws SQLException {
        Map<String, Accounts.Account> registered = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT name, password_hash, created_at FROM accounts"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                registered.put(rows.getString(1), new Accounts.Account(rows.getString(1), rows.getString(2),
                    rows.getLong(3)));
            }
        }
        Map<String, Accounts.Ban> banned = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT name, banned_by, reason, banned_at FROM bans"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                banned.put(rows.getString(1), new Accounts.Ban(rows.getString(1), rows.getString(2),
                    rows.getString(3), rows.getLong(4)));
            }
        }
        return new Accounts(registered, banned);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
