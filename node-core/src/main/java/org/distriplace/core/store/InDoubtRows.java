package org.distriplace.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;

/**
 * The batches a group's participant holds in doubt. Group 0's are in {@code in_doubt}, as before shards existed;
 * shard groups' (ADR 0017) in {@code group_in_doubt}, keyed by group as well, since their epochs and proposal ids
 * are their own. Runs in the caller's transaction.
 */
final class InDoubtRows {

    private static final String COLUMNS = "epoch, proposal_id, leader_id, writes, config, accounts";

    private final Connection db;

    InDoubtRows(Connection db) {
        this.db = db;
    }

    static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS in_doubt (epoch INTEGER NOT NULL, proposal_id INTEGER NOT NULL, "
            + "leader_id INTEGER NOT NULL, writes BLOB NOT NULL, PRIMARY KEY (epoch, proposal_id))");
        SqliteEventStore.addColumnIfMissing(s, "in_doubt", "config", "TEXT");
        SqliteEventStore.addColumnIfMissing(s, "in_doubt", "accounts", "BLOB");
        s.execute("CREATE TABLE IF NOT EXISTS group_in_doubt (grp INTEGER NOT NULL, epoch INTEGER NOT NULL, "
            + "proposal_id INTEGER NOT NULL, leader_id INTEGER NOT NULL, writes BLOB NOT NULL, config TEXT, "
            + "accounts BLOB, PRIMARY KEY (grp, epoch, proposal_id))");
    }

    /** The groups other than 0 that hold batches in doubt. */
    List<Integer> shardGroups() throws SQLException {
        List<Integer> groups = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT grp FROM group_in_doubt ORDER BY grp")) {
            while (r.next()) {
                groups.add(r.getInt(1));
            }
        }
        return groups;
    }

    List<Batch> load(int group) throws SQLException {
        List<Batch> batches = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT " + COLUMNS + " FROM " + table(group) + where(group)
            + " ORDER BY epoch, proposal_id")) {
            if (group != 0) {
                s.setInt(1, group);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String config = r.getString(5);
                    byte[] accounts = r.getBytes(6);
                    batches.add(new Batch(r.getLong(1), r.getLong(2), r.getInt(3),
                        BinaryFormat.writes(r.getBytes(4)), config == null ? null : Membership.decode(config),
                        accounts == null ? List.of() : AccountFormat.entries(accounts)));
                }
            }
        }
        return batches;
    }

    /** Replaces the group's batches in doubt with {@code inDoubt}. */
    void save(int group, List<Batch> inDoubt) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table(group) + where(group))) {
            if (group != 0) {
                delete.setInt(1, group);
            }
            delete.executeUpdate();
        }
        String insertSql = group == 0
            ? "INSERT INTO in_doubt (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
            : "INSERT INTO group_in_doubt (" + COLUMNS + ", grp) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = db.prepareStatement(insertSql)) {
            for (Batch batch : inDoubt) {
                insert.setLong(1, batch.epoch());
                insert.setLong(2, batch.proposalId());
                insert.setInt(3, batch.leaderId());
                insert.setBytes(4, BinaryFormat.writes(batch.writes()));
                insert.setString(5, batch.changesConfig() ? batch.config().encode() : null);
                insert.setBytes(6, batch.accounts().isEmpty() ? null : AccountFormat.entries(batch.accounts()));
                if (group != 0) {
                    insert.setInt(7, group);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String table(int group) {
        return group == 0 ? "in_doubt" : "group_in_doubt";
    }

    private static String where(int group) {
        return group == 0 ? "" : " WHERE grp = ?";
    }
}
