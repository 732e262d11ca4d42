package org.distriplace.core.store;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.EventStore;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.protocol.shard.Orderers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sharded node's groups (ADR 0017) keep their epochs, doubts, configurations and snapshots apart on disk. */
class SqliteShardGroupsTest {

    @TempDir
    Path dir;

    private final NodeConfig sharded = NodeConfig.builder(2, List.of(1, 2, 3)).canvas(8, 8).shards(2, 1).build();
    private final int shardOne = Orderers.of(1, 3);
    private final int shardTwo = Orderers.of(2, 3);

    @Test
    void eachGroupsStateSurvivesReopeningApartFromTheOthers() {
        Batch one = new Batch(3, 7, 3, List.of(write(shardOne, 9, 1, 1)));
        Batch two = new Batch(3, 7, 3, List.of(write(shardTwo, 9, 5, 1)));
        Membership shardTwoMembers = Membership.initial(List.of(1, 2, 3)).with(4, "h:4");
        try (SqliteEventStore store = SqliteEventStore.open(dir, sharded)) {
            store.saveEpoch(0, 4, 3);
            store.saveEpoch(2, 9, 1);
            store.saveInDoubt(1, 5, List.of(one));
            store.saveInDoubt(2, 6, List.of(two));
            store.saveMembership(2, shardTwoMembers);
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, sharded)) {
            EventStore.StoredState state = store.load();
            assertEquals(4, state.group(0).epoch());
            assertEquals(3, state.group(0).promisedTo());
            assertEquals(0, state.group(1).epoch());
            assertEquals(9, state.group(2).epoch());
            assertEquals(1, state.group(2).promisedTo());
            assertEquals(List.of(), state.group(0).inDoubt());
            assertEquals(List.of(one), state.group(1).inDoubt(), "one epoch and proposal id in two groups");
            assertEquals(List.of(two), state.group(2).inDoubt());
            assertEquals(5, state.group(1).installedEpoch());
            assertEquals(6, state.group(2).installedEpoch());
            assertNull(state.group(1).membership());
            assertEquals(shardTwoMembers, state.group(2).membership());
            store.saveInDoubt(1, 5, List.of());
            assertEquals(List.of(two), store.load().group(2).inDoubt(), "a group's doubts are cleared alone");
        }
    }

    @Test
    void aRestartReplaysTheLogFromTheOldestShardsSnapshot() {
        PixelWrite first = write(shardOne, 1, 1, 1);
        PixelWrite second = write(shardTwo, 1, 5, 1);
        PixelWrite third = write(shardOne, 2, 2, 1);
        try (SqliteEventStore store = SqliteEventStore.open(dir, sharded)) {
            store.appendCommitted(List.of(first, second));
            store.saveSnapshot(1, snapshot(VectorClock.EMPTY.with(shardOne, 1)));
            store.appendCommitted(List.of(third));
            EventStore.StoredState state = store.load();
            assertEquals(VectorClock.EMPTY.with(shardOne, 1), state.group(1).snapshot().version());
            assertNull(state.group(2).snapshot());
            assertEquals(List.of(first, second, third), state.committedSinceSnapshot(),
                "shard 2 has no snapshot: everything is replayed");
            store.saveSnapshot(2, snapshot(VectorClock.EMPTY.with(shardTwo, 1)));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, sharded)) {
            EventStore.StoredState state = store.load();
            assertEquals(VectorClock.EMPTY.with(shardOne, 1), state.group(1).snapshot().version());
            assertEquals(VectorClock.EMPTY.with(shardTwo, 1), state.group(2).snapshot().version());
            assertEquals(List.of(third), state.committedSinceSnapshot(), "from shard 1's snapshot, the oldest");
        }
    }

    @Test
    void aDataDirectoryBelongsToOneCutIntoShards() {
        SqliteEventStore.open(dir, sharded).close();
        StorageException unsharded = assertThrows(StorageException.class, () -> SqliteEventStore.open(dir,
            sharded.toBuilder().shards(1, 1).build()));
        assertTrue(unsharded.getMessage().contains("shards 2x1/3, not 1x1"), unsharded.getMessage());
        assertThrows(StorageException.class, () -> SqliteEventStore.open(dir, sharded.toBuilder().replicas(5).build()));
        Path older = dir.resolve("one-shard");
        SqliteEventStore.open(older, sharded.toBuilder().shards(1, 1).build()).close();
        StorageException cut = assertThrows(StorageException.class, () -> SqliteEventStore.open(older, sharded));
        assertTrue(cut.getMessage().contains("shards 1x1, not 2x1/3"), cut.getMessage());
    }

    private static EventStore.Snapshot snapshot(VectorClock version) {
        return new EventStore.Snapshot(List.of(), version, Map.of(), Map.of());
    }
}
