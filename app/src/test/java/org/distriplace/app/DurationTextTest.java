package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsWhatPeopleType() {
        assertEquals(Duration.ZERO, DurationText.parse("0"));
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
        assertEquals(Duration.ofSeconds(45), DurationText.parse("45"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse(" 2m "));
        assertEquals(Duration.ofHours(1), DurationText.parse("1H"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("PT2M"));
    }

    @Test
    void refusesTheRestWithWhatItExpects() {
        for (String bad : new String[] {"", "-5s", "two minutes", "5d", "PT-2M", "99999999999s"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse(bad), bad);
            assertTrue(error.getMessage().contains("90s"), error.getMessage());
        }
    }
}
