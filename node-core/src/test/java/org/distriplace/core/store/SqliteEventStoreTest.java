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
            assertEquals(0, state.epoch());
            assertEquals(List.of(), state.inDoubt());
            assertNull(state.snapshot());
            assertEquals(List.of(), state.committedSinceSnapshot());
        }
    }

    @Test
    void everythingSurvivesClosingAndReopening() {
        PixelWrite a = write(3, 1, 1, 1);
        PixelWrite b = write(3, 2, 2, 2);
        Batch doubt = new Batch(4, 7, 3, List.of(write(3, 3, 3, 3)));
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            store.saveEpoch(4, 3);
            store.appendCommitted(List.of(a, b));
            store.appendCommitted(List.of(b));
            store.saveInDoubt(4, List.of(doubt));
        }
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            EventStore.StoredState state = store.load();
            assertEquals(4, state.epoch());
            assertEquals(3, state.promisedTo());
            assertEquals(4, state.installedEpoch());
            assertEquals(List.of(doubt), state.inDoubt());
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
            store.saveSnapshot(new EventStore.Snapshot(tiles, VectorClock.EMPTY.with(1, 1), Map.of("alice", 9L),
                Map.of(2, List.of(5L, 6L))));
            store.appendCommitted(List.of(after));
            EventStore.StoredState state = store.load();
            assertEquals(tiles, state.snapshot().tiles());
            assertEquals(VectorClock.EMPTY.with(1, 1), state.snapshot().version());
            assertEquals(Map.of("alice", 9L), state.snapshot().cooldowns());
            assertEquals(Map.of(2, List.of(5L, 6L)), state.snapshot().recentRequests());
            assertEquals(List.of(after), state.committedSinceSnapshot());
            assertEquals(2, store.storedWrites());
        }
    }

    @Test
    void aDataDirectoryBelongsToOneNodeAndCanvas() {
        SqliteEventStore.open(dir, config).close();
        StorageException otherNode = assertThrows(StorageException.class,
            () -> SqliteEventStore.open(dir, config.toBuilder().nodeId(3).build()));
        assertTrue(otherNode.getMessage().contains("node_id 2"), otherNode.getMessage());
        assertThrows(StorageException.class, () -> SqliteEventStore.open(dir, config.toBuilder().canvas(9, 9).build()));
    }
}
