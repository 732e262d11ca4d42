package org.distriplace.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.junit.jupiter.api.Test;

class PlacementModelTest {

    private static final Color RED = Color.of("#BE0039");
    private final List<CompletableFuture<PlaceResult>> sent = new ArrayList<>();
    private long now = 1_000_000;
    private int changes;

    private PlacementModel model(long cooldownMs) {
        PlacementModel model = new PlacementModel((user, x, y, color) -> {
            CompletableFuture<PlaceResult> answer = new CompletableFuture<>();
            sent.add(answer);
            return answer;
        }, "alice", cooldownMs, Runnable::run, () -> now);
        model.addListener(() -> changes++);
        return model;
    }

    private static PlaceResult committed(int x, int y, long nextAt) {
        return new PlaceResult(new PixelWrite(x, y, RED, "alice", 1, 1, 1, 1, VectorClock.EMPTY.with(1, 1)), nextAt);
    }

    @Test
    void aPlacementIsPendingUntilCommittedThenTheCooldownRuns() {
        PlacementModel model = model(5_000);
        assertTrue(model.place(3, 4, RED));
        assertEquals(List.of(new PlacementModel.Pending(3, 4, RED)), model.pending());
        assertFalse(model.canPlace(), "one pixel at a time while there is a cooldown");
        assertFalse(model.place(5, 5, RED));
        assertEquals("Wait until your pixel is confirmed", model.message());
        sent.get(0).complete(committed(3, 4, now + 5_000));
        assertEquals(List.of(), model.pending());
        assertEquals("Placed at (3, 4)", model.message());
        assertEquals("Next pixel in 5.0 s", model.cooldownText());
        now += 4_900;
        assertFalse(model.place(1, 1, RED));
        assertEquals(1, sent.size(), "nothing sent during the cooldown");
        now += 100;
        assertTrue(model.canPlace());
        assertEquals("Ready to place", model.cooldownText());
        assertTrue(changes >= 4);
    }

    @Test
    void aRefusalRollsThePixelBackWithAReadableMessage() {
        PlacementModel model = model(5_000);
        model.place(3, 4, RED);
        sent.get(0).completeExceptionally(new PlaceException(PlaceError.NO_QUORUM, "only 1 of 3 reachable"));
        assertEquals(List.of(), model.pending());
        assertEquals("Not placed at (3, 4): no majority of the cluster is reachable (no quorum); try again soon",
            model.message());
        assertTrue(model.canPlace(), "no cooldown after a refusal");
    }

    @Test
    void aCooldownRefusalStartsTheCountdownTheClusterReported() {
        PlacementModel model = model(5_000);
        model.place(3, 4, RED);
        sent.get(0).completeExceptionally(new PlaceException(PlaceError.COOLDOWN, "too soon", 3_200));
        assertEquals("Not placed at (3, 4): cooldown, wait 4 s", model.message());
        assertEquals(3_200, model.cooldownRemainingMs());
    }

    @Test
    void withoutACooldownSeveralPlacementsMayBePending() {
        PlacementModel model = model(0);
        assertTrue(model.place(1, 1, RED));
        assertTrue(model.place(2, 2, RED));
        assertEquals(2, model.pending().size());
    }
}
