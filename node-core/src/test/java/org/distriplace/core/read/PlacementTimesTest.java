package org.distriplace.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.junit.jupiter.api.Test;

class PlacementTimesTest {

    @Test
    void keepsEachUsersLatestPlacement() {
        PlacementTimes times = PlacementTimes.EMPTY.with("alice", 10).with("bob", 20).with("alice", 30);
        assertEquals(30, times.lastPlacement("alice"));
        assertEquals(20, times.lastPlacement("bob"));
        assertEquals(0, times.lastPlacement("carol"), "nobody placed: nothing known");
        assertEquals(2, times.size());
        assertSame(times, times.with("alice", 5), "an older placement changes nothing");
    }

    @Test
    void anOlderMapIsUnchangedByAdditionsToANewerOne() {
        PlacementTimes before = PlacementTimes.EMPTY.with("alice", 10);
        PlacementTimes after = before.with("alice", 40).with("bob", 7);
        assertEquals(10, before.lastPlacement("alice"));
        assertEquals(0, before.lastPlacement("bob"));
        assertEquals(1, before.size());
        assertEquals(40, after.lastPlacement("alice"));
    }

    @Test
    void usersWhoseNamesHashAlikeAreKeptApart() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        PlacementTimes times = PlacementTimes.EMPTY.with("Aa", 1).with("BB", 2).with("AaBB", 3).with("BBAa", 4)
            .with("Aa", 5);
        assertEquals(5, times.lastPlacement("Aa"));
        assertEquals(2, times.lastPlacement("BB"));
        assertEquals(3, times.lastPlacement("AaBB"));
        assertEquals(4, times.lastPlacement("BBAa"));
        assertEquals(4, times.size());
    }

    @Test
    void agreesWithAPlainMapOverManyRandomPlacements() {
        Random random = new Random(42);
        Map<String, Long> expected = new HashMap<>();
        PlacementTimes times = PlacementTimes.EMPTY;
        for (int i = 0; i < 50_000; i++) {
            String user = "guest-" + random.nextInt(20_000);
            long stamp = random.nextInt(1_000_000) + 1;
            expected.merge(user, stamp, Math::max);
            times = times.with(user, stamp);
        }
        assertEquals(expected.size(), times.size());
        for (Map.Entry<String, Long> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), times.lastPlacement(entry.getKey()), entry.getKey());
        }
        assertEquals(expected.size(), PlacementTimes.of(expected).size());
    }

    @Test
    void aViewSaysHowLongAUserMustStillWait() {
        long placedAt = Hlc.pack(100_000, 3);
        ReadView view = new ReadView(CanvasImage.blank(2, 2, Palette.rPlace2022()), VectorClock.EMPTY,
            "0".repeat(16), 0,
            PlacementTimes.EMPTY.with("alice", placedAt), 5_000);
        assertEquals(3_000, view.cooldownRemainingMs("alice", 102_000));
        assertEquals(0, view.cooldownRemainingMs("alice", 106_000));
        assertEquals(0, view.cooldownRemainingMs("bob", 102_000));
    }
}
