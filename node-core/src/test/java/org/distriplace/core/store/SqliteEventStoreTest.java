package org.distriplace.core.store;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventStoreTest {

    @TempDir
    Path dir;

    private final NodeConfig config = NodeConfig.builder(2, List.of(1, 2, 3)).canvas(8, 8).build();

    @Test
    void aNewStoreIsEmpty() {
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            EventStore.StoredState state = store.load();
            assertEquals(0, state.group(0).epoch());
            assertEquals(List.of(), state.group(0).inDoubt());
            assertNull(state.group(0).snapshot());
            assertEquals(List.of(), state.committedSinceSnapshot());
        }
    }

    @Test
    void everythingSurvivesClosingAndReopening() {
        PixelWrite a = write(3, 1, 1, 1);
        PixelWrite b = write(3, 2, 2, 2);
        Batch doubt = new Batch(4, 7, 3, List.of(write(3, 3, 3, 3)));
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.saveEpoch(0, 4, 3);
            store.appendCommitted(List.of(a, b));
            store.appendCommitted(List.of(b));
            store.saveInDoubt(0, 4, List.of(doubt));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            EventStore.StoredState state = store.load();
            assertEquals(4, state.group(0).epoch());
            assertEquals(3, state.group(0).promisedTo());
            assertEquals(4, state.group(0).installedEpoch());
            assertEquals(List.of(doubt), state.group(0).inDoubt());
            assertEquals(List.of(a, b), state.committedSinceSnapshot(), "a write stored twice is kept once");
            assertEquals(2, store.storedWrites());
        }
    }

    @Test
    void aSnapshotReplacesTheWritesBeforeItOnLoadButKeepsTheHistory() {
        CanvasReplica canvas = new CanvasReplica(8, 8, 64, Palette.rPlace2022());
        PixelWrite before = write(1, 1, 4, 4);
        canvas.apply(before);
        List<TileState> tiles = List.of(canvas.tile(0));
        PixelWrite after = write(1, 2, 5, 5);
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.appendCommitted(List.of(before));
            store.saveSnapshot(0, new EventStore.Snapshot(tiles, VectorClock.EMPTY.with(1, 1), Map.of("alice", 9L),
                Map.of(2, List.of(5L, 6L))));
            store.appendCommitted(List.of(after));
            EventStore.StoredState state = store.load();
            assertEquals(tiles, state.group(0).snapshot().tiles());
            assertEquals(VectorClock.EMPTY.with(1, 1), state.group(0).snapshot().version());
            assertEquals(Map.of("alice", 9L), state.group(0).snapshot().cooldowns());
            assertEquals(Map.of(2, List.of(5L, 6L)), state.group(0).snapshot().recentRequests());
            assertEquals(List.of(after), state.committedSinceSnapshot());
            assertEquals(2, store.storedWrites());
        }
    }

    @Test
    void accountEntriesSurviveReopeningCommittedAndInDoubt() {
        AccountEntry alice = new AccountEntry(AccountChange.register("alice", "pbkdf2-sha512$1$AA$BB"), 2, 11, 100, 3,
            1, 4, 7);
        AccountEntry ban = new AccountEntry(new AccountChange(AccountChange.Kind.BAN, "bob", "spam", "alice"), 1, 12,
            200, 3, 2, 4, 8);
        Batch doubt = new Batch(4, 9, 3, List.of(), null, List.of(new AccountEntry(AccountChange.register("carol",
            "h"), 1, 13, 300, 3, 3, 4, 9)));
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.appendAccounts(List.of(alice));
            store.appendAccounts(List.of(alice, ban));
            store.saveInDoubt(0, 4, List.of(doubt));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            EventStore.StoredState state = store.load();
            assertEquals(List.of(alice, ban), state.accounts(), "an entry stored twice is kept once");
            assertEquals(List.of(doubt), state.group(0).inDoubt());
        }
    }

    @Test
    void prunedGrantsLeaveStorageButEachOrderingNodesLastEntryStays() {
        int shardLeader = (1 << 20) + 3; // group 1's ordering node 3
        List<AccountEntry> entries = List.of(grantOf(shardLeader, 1, 100), grantOf(shardLeader, 2, 200),
            new AccountEntry(AccountChange.register("alice", "h"), 1, 9, 250, 3, 1, 4, 7),
            grantOf(shardLeader, 3, 300), grantOf(shardLeader + 1, 1, 150));
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.appendAccounts(entries);
            store.pruneGrants(1_000);
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            assertEquals(List.of(entries.get(2), entries.get(3), entries.get(4)), store.load().accounts(),
                "a registration is never pruned, and each node's last entry says how far it got");
            store.pruneGrants(250);
            store.appendAccounts(List.of(grantOf(shardLeader, 4, 400)));
            store.pruneGrants(350);
            assertEquals(List.of(entries.get(2), grantOf(shardLeader, 4, 400), entries.get(4)), store.load().accounts());
        }
    }

    @Test
    void grantsStoredBeforePruningExistedArePrunedToo() throws Exception {
        int shardLeader = (1 << 20) + 3;
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.appendAccounts(List.of(grantOf(shardLeader, 1, 100), grantOf(shardLeader, 2, 200)));
        }
        // The directory as a build before pruning left it: no stamp column.
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
            + dir.resolve(SqliteEventStore.FILE_NAME));
             java.sql.Statement s = db.createStatement()) {
            s.execute("DROP INDEX accounts_grants");
            s.execute("ALTER TABLE accounts DROP COLUMN grant_stamp");
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.pruneGrants(1_000);
            assertEquals(List.of(grantOf(shardLeader, 2, 200)), store.load().accounts(), "the older grant went");
        }
    }

    private static AccountEntry grantOf(int leader, long counter, long stamp) {
        return new AccountEntry(AccountChange.grant("p" + counter), 1, counter, stamp, leader, counter, 1, counter);
    }

    @Test
    void aDataDirectoryBelongsToOneNodeAndCanvas() {
        SqliteEventStore.open(dir, config).close();
        StorageException otherNode = assertThrows(StorageException.class,
            () -> SqliteEventStore.open(dir, config.toBuilder().nodeId(3).build()));
        assertTrue(otherNode.getMessage().contains("node_id 2"), otherNode.getMessage());
        assertThrows(StorageException.class, () -> SqliteEventStore.open(dir, config.toBuilder().canvas(9, 9).build()));
    }

    /** A data directory from before the history kept chunks: its row-per-write table moves into the history. */
    @Test
    void anOlderDataDirectorysWritesMoveIntoTheHistory() throws Exception {
        PixelWrite a = write(3, 1, 1, 1);
        PixelWrite b = write(3, 2, 2, 2);
        PixelWrite c = write(3, 3, 3, 3);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
            + dir.resolve(SqliteEventStore.FILE_NAME));
             java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE TABLE writes (seq INTEGER PRIMARY KEY AUTOINCREMENT, node_id INTEGER NOT NULL, "
                + "counter INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, color INTEGER NOT NULL, "
                + "user TEXT NOT NULL, origin INTEGER NOT NULL, request_id INTEGER NOT NULL, "
                + "timestamp INTEGER NOT NULL, clock BLOB NOT NULL, UNIQUE (node_id, counter))");
            s.execute("CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, after_seq INTEGER NOT NULL, "
                + "version BLOB NOT NULL, cooldowns BLOB NOT NULL, requests BLOB NOT NULL, tiles BLOB NOT NULL)");
            long seq = 10;
            for (PixelWrite w : List.of(a, b, c)) {
                try (java.sql.PreparedStatement insert = db.prepareStatement("INSERT INTO writes VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, seq);
                    insert.setInt(2, w.nodeId());
                    insert.setLong(3, w.dot().counter());
                    insert.setInt(4, w.x());
                    insert.setInt(5, w.y());
                    insert.setInt(6, w.color().rgb());
                    insert.setString(7, w.user());
                    insert.setInt(8, w.origin());
                    insert.setLong(9, w.requestId());
                    insert.setLong(10, w.timestamp());
                    insert.setBytes(11, BinaryFormat.clock(w.vectorClock()));
                    insert.executeUpdate();
                }
                seq += 5;
            }
            try (java.sql.PreparedStatement snapshot = db.prepareStatement("INSERT INTO snapshots (after_seq, "
                + "version, cooldowns, requests, tiles) VALUES (15, ?, ?, ?, ?)")) {
                snapshot.setBytes(1, BinaryFormat.clock(VectorClock.EMPTY.with(3, 2)));
                snapshot.setBytes(2, BinaryFormat.cooldowns(Map.of()));
                snapshot.setBytes(3, BinaryFormat.requests(Map.of()));
                snapshot.setBytes(4, BinaryFormat.tiles(List.of()));
                snapshot.executeUpdate();
            }
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            assertEquals(3, store.storedWrites());
            EventStore.StoredState state = store.load();
            PixelWrite unknownProvenance = new PixelWrite(c.x(), c.y(), c.color(), c.user(), c.origin(), c.requestId(),
                c.timestamp(), c.nodeId(), c.vectorClock());
            assertEquals(List.of(unknownProvenance), state.committedSinceSnapshot(), "only what followed the snapshot");
        }
    }

    /** Quiet canvases append a write at a time into one open chunk, across restarts, snapshots and duplicates. */
    @Test
    void writesAppendedOneByOneKeepTheirOrderAcrossRestartsAndSnapshots() {
        List<PixelWrite> writes = new java.util.ArrayList<>();
        for (int i = 1; i <= 2_100; i++) {
            writes.add(write(3, i, i % 8, (i / 8) % 8));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            for (PixelWrite w : writes.subList(0, 1_500)) {
                store.appendCommitted(List.of(w));
            }
            store.saveSnapshot(0, new EventStore.Snapshot(List.of(), VectorClock.EMPTY.with(3, 1_500), Map.of(),
                Map.of()));
            store.appendCommitted(writes.subList(1_500, 1_600));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.appendCommitted(List.of(writes.get(7)));
            for (PixelWrite w : writes.subList(1_600, 2_100)) {
                store.appendCommitted(List.of(w));
            }
            assertEquals(2_100, store.storedWrites(), "the duplicate is kept once");
            assertEquals(writes.subList(1_500, 2_100), store.load().committedSinceSnapshot());
        }
    }
}
