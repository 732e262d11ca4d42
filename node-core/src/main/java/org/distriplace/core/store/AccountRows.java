package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;

/**
 * Every group's committed account entries, a row each, keyed by ordering node and counter (an ordering node's id
 * names its group). A cooldown grant's row also holds the grant's stamp, so grants past their use can be dropped
 * without decoding a row (ADR 0017). Runs in the caller's transaction.
 */
final class AccountRows {

    private final Connection db;

    AccountRows(Connection db) {
        this.db = db;
    }

    static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS accounts (node_id INTEGER NOT NULL, counter INTEGER NOT NULL, "
            + "entry BLOB NOT NULL, PRIMARY KEY (node_id, counter))");
        if (SqliteEventStore.addColumnIfMissing(s, "accounts", "grant_stamp", "INTEGER")) {
            stampOlderGrants(s); // a directory from before pruning: its grants can be pruned too
        }
        s.execute("CREATE INDEX IF NOT EXISTS accounts_grants ON accounts (grant_stamp) "
            + "WHERE grant_stamp IS NOT NULL");
    }

    /** Fills in the stamp of every grant stored before the column existed, in one transaction. */
    private static void stampOlderGrants(Statement s) throws SQLException {
        Connection db = s.getConnection();
        s.execute("BEGIN");
        try (ResultSet r = s.executeQuery("SELECT entry FROM accounts");
             PreparedStatement stamp = db.prepareStatement(
                 "UPDATE accounts SET grant_stamp = ? WHERE node_id = ? AND counter = ?")) {
            while (r.next()) {
                AccountEntry entry = AccountFormat.entry(r.getBytes(1));
                if (entry.change().kind() == AccountChange.Kind.GRANT) {
                    stamp.setLong(1, entry.timestamp());
                    stamp.setInt(2, entry.nodeId());
                    stamp.setLong(3, entry.counter());
                    stamp.addBatch();
                }
            }
            stamp.executeBatch();
        }
        s.execute("COMMIT");
    }

    /** Every entry stored, node by node in counter order. */
    List<AccountEntry> load() throws SQLException {
        List<AccountEntry> entries = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT entry FROM accounts ORDER BY node_id, counter")) {
            while (r.next()) {
                entries.add(AccountFormat.entry(r.getBytes(1)));
            }
        }
        return entries;
    }

    /** Stores entries; one stored already is left as it is. */
    void append(List<AccountEntry> entries) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
            "INSERT OR IGNORE INTO accounts (node_id, counter, entry, grant_stamp) VALUES (?, ?, ?, ?)")) {
            for (AccountEntry entry : entries) {
                insert.setInt(1, entry.nodeId());
                insert.setLong(2, entry.counter());
                insert.setBytes(3, AccountFormat.entry(entry));
                if (entry.change().kind() == AccountChange.Kind.GRANT) {
                    insert.setLong(4, entry.timestamp());
                } else {
                    insert.setNull(4, Types.INTEGER);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Deletes the grants stamped before {@code stampedBefore}, keeping each ordering node's last row. */
    void pruneGrants(long stampedBefore) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM accounts WHERE grant_stamp < ? "
            + "AND counter < (SELECT MAX(counter) FROM accounts AS later WHERE later.node_id = accounts.node_id)")) {
            delete.setLong(1, stampedBefore);
            delete.executeUpdate();
        }
    }
}
