package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mod bans}' table: each column as wide as its widest cell, so long ids and times never run together. */
class ModTableTest {

    @Test
    void columnsFitTheirWidestCell() {
        String table = ModCommand.table(List.of(List.of("PLAYER", "BANNED BY", "AT", "REASON"),
            List.of("guest-00ff00ff00ff00ff", "alice", "2026-12-07T02:42:33.123Z", "spam"),
            List.of("mallory", "a_moderator_with_a_long_name", "2026-12-07T02:50:00Z", "")));
        assertEquals(String.join("\n",
            "PLAYER                  BANNED BY                     AT                        REASON",
            "guest-00ff00ff00ff00ff  alice                         2026-12-07T02:42:33.123Z  spam",
            "mallory                 a_moderator_with_a_long_name  2026-12-07T02:50:00Z"), table);
    }
}
