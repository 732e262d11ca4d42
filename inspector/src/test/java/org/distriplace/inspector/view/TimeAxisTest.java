package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The space-time diagram's ruler as plain arithmetic: round ticks for every zoom, and their labels. */
class TimeAxisTest {

    @Test
    void aThirtyMillisecondElectionIsTickedEveryFiveMilliseconds() {
        assertEquals(5, TimeAxis.step(30, 600, 60));
        List<TimeAxis.Tick> ticks = TimeAxis.ticks(12_338, 12_368, 600, 60);
        assertEquals(List.of(12_340L, 12_345L, 12_350L, 12_355L, 12_360L, 12_365L),
            ticks.stream().map(TimeAxis.Tick::atMs).toList());
        assertEquals(List.of("12.340 s", "12.345 s", "12.350 s", "12.355 s", "12.360 s", "12.365 s"),
            ticks.stream().map(TimeAxis.Tick::label).toList());
    }

    @Test
    void fourSecondsAreTickedEveryHalfSecondOrEverySecond() {
        assertEquals(500, TimeAxis.step(4_000, 600, 60));
        assertEquals(1_000, TimeAxis.step(4_000, 600, 80));
        assertEquals(List.of("12.5 s", "13.0 s", "13.5 s"),
            TimeAxis.ticks(12_300, 13_700, 171, 60).stream().map(TimeAxis.Tick::label).toList());
        assertEquals(List.of("13 s", "14 s"),
            TimeAxis.ticks(12_300, 14_700, 200, 80).stream().map(TimeAxis.Tick::label).toList());
    }

    @Test
    void stepsAreRoundAndTheSmallestFarEnoughApart() {
        for (long window = 20; window <= 20_000; window = window * 3 / 2) {
            for (double pixels : new double[] {300, 526, 1000}) {
                long step = TimeAxis.step(window, pixels, 50);
                long mantissa = step;
                while (mantissa % 10 == 0) {
                    mantissa /= 10;
                }
                assertTrue(mantissa == 1 || mantissa == 2 || mantissa == 5, "round: " + step);
                double apart = step * pixels / window;
                assertTrue(apart >= 50, window + " ms over " + pixels + " px: " + step + " ms is " + apart + " px");
                assertTrue(apart < 50 * 2.5 || step == 1, "not sparser than needed: " + step + " ms, " + apart);
            }
        }
    }

    @Test
    void aRealClustersWallClockIsWrittenAsTheTimeOfDay() {
        String label = TimeAxis.label(1_765_432_100_340L, 5);
        assertTrue(label.matches("\\d\\d:\\d\\d:\\d\\d\\.340"), label);
        assertTrue(TimeAxis.label(1_765_432_100_000L, 1_000).matches("\\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void durationsAndTheScaleReadAsALecturerSaysThem() {
        assertEquals("5 ms", TimeAxis.duration(5));
        assertEquals("2.5 ms", TimeAxis.duration(2.5));
        assertEquals("1.5 s", TimeAxis.duration(1_500));
        assertEquals("20 s", TimeAxis.duration(20_000));
        assertEquals("50 ms shown, a tick every 5 ms", TimeAxis.scale(50, 600, 50));
    }

    @Test
    void theZoomClimbsRoundRungsBetweenTwentyMillisecondsAndTwentySeconds() {
        assertEquals(2_000, TimeAxis.zoomedIn(4_000));
        assertEquals(5_000, TimeAxis.zoomedOut(4_000));
        assertEquals(20, TimeAxis.zoomedIn(50));
        assertEquals(20, TimeAxis.zoomedIn(20));
        assertEquals(20_000, TimeAxis.zoomedOut(20_000));
        assertEquals(20, TimeAxis.clamp(1));
        assertEquals(20_000, TimeAxis.clamp(60_000));
        assertEquals(300, TimeAxis.clamp(300));
    }
}
