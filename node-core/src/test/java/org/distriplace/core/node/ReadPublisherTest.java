package org.distriplace.core.node;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.HybridLogicalClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.shard.Shard;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.ReadView;
import org.distriplace.core.store.MemoryEventStore;
import org.junit.jupiter.api.Test;

/** What a node publishes for readers as it commits, and when. */
class ReadPublisherTest {

    /** 4000 wide: four rows a band, so a 12-row canvas has three bands. */
    private final NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(4000, 12).cooldownMs(5_000).build();
    private static final Shard WHOLE = new Shard(0, 0, 0, 4000, 12);
    private final CommittedState state = new CommittedState(config, 0, WHOLE, new MemoryEventStore(),
        new HybridLogicalClock());
    private final List<String> told = new ArrayList<>();
    private final List<ReadView> views = new ArrayList<>();
    private long issued;
    private final DurabilityGate gate = new DurabilityGate(() -> issued);

    private final CommitFeed feed = new CommitFeed() {
        @Override
        public void publish(ReadView view) {
            views.add(view);
            told.add("view " + view.committedWrites());
        }

        @Override
        public void committed(PixelWrite write, boolean changed) {
            told.add("pixel " + write.x() + "," + write.y() + (changed ? "" : " (older)"));
        }

        @Override
        public void reloaded() {
            told.add("reloaded");
        }
    };

    private final ReadPublisher publisher = new ReadPublisher(config, new WholeCanvas(4000, List.of(state.replica())),
        List.of(state.cooldowns()), state.accounts(), gate, feed);

    ReadPublisherTest() {
        state.subscribe(publisher);
    }

    private void commit(PixelWrite... writes) {
        state.announce(state.commit(List.of(writes), 10_000).applied());
    }

    @Test
    void aBlankViewIsPublishedAtOnce() {
        assertEquals(List.of("view 0"), told);
        assertEquals(config.palette().background(), views.get(0).canvas().colorAt(3999, 11));
    }

    @Test
    void eachCommitPublishesAViewBeforeItsPixelsAreTold() {
        commit(write(1, 1, 3, 5), write(1, 2, 9, 6));
        assertEquals(List.of("view 0", "view 2", "pixel 3,5", "pixel 9,6"), told);
        ReadView view = views.get(1);
        assertEquals(Color.of("#FF4500"), view.canvas().colorAt(3, 5));
        assertEquals(state.replica().version(), view.version());
        assertEquals(state.replica().canvas().stateHashHex(), view.stateHash());
        assertEquals(Hlc.pack(1_002, 0), view.placements().lastPlacement("user-2"));
    }

    @Test
    void onlyTheBandsACommitTouchedAreCopied() {
        CanvasImage before = views.get(0).canvas();
        commit(write(1, 1, 3, 5));
        CanvasImage after = views.get(1).canvas();
        assertTrue(after.sharesBandWith(before, 0) && after.sharesBandWith(before, 2));
        assertFalse(after.sharesBandWith(before, 1), "row 5 is in band 1");
        assertEquals(config.palette().backgroundIndex(), before.colorIndexAt(3, 5), "the old view never changes");
    }

    @Test
    void nothingIsPublishedBeforeItIsDurable() {
        issued = 7;
        commit(write(1, 1, 3, 5));
        assertEquals(List.of("view 0"), told);
        gate.durableUpTo(7);
        assertEquals(List.of("view 0", "view 1", "pixel 3,5"), told);
    }

    @Test
    void fullStateFromAPeerIsPublishedWholeAsAReload() {
        CommittedState peer = new CommittedState(config, 0, WHOLE, new MemoryEventStore(), new HybridLogicalClock());
        peer.commit(List.of(write(2, 1, 100, 10)), 10_000);
        List<TileState> tiles = new ArrayList<>();
        for (int tile = 0; tile < peer.replica().canvas().tileCount(); tile++) {
            tiles.add(peer.replica().canvas().tile(tile));
        }
        PeerMessage.SyncResponse full = new PeerMessage.SyncResponse(2, peer.replica().version(), List.of(), tiles,
            Map.of("user-1", Hlc.pack(1_001, 0)), Map.of(), 1, 1, 1);
        state.mergeFullState(full, true, 10_000);
        assertEquals(List.of("view 0", "view 1", "reloaded"), told);
        ReadView view = views.get(1);
        assertEquals(Color.of("#FF4500"), view.canvas().colorAt(100, 10));
        assertEquals(peer.replica().version(), view.version());
        assertEquals(Hlc.pack(1_001, 0), view.placements().lastPlacement("user-1"), "cooldowns come with it");
    }
}
