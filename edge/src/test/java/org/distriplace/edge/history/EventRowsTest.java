package org.distriplace.edge.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.model.Palette;
import org.distriplace.edge.EdgeSettings;
import org.distriplace.edge.Placement;
import org.distriplace.edge.SharedStack;
import org.distriplace.edge.sql.PgDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events table takes placements by COPY, each stored once, whatever their players' names hold. */
class EventRowsTest {

    private static SharedStack stack;
    private static PgDatabase database;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @BeforeAll
    static void start() {
        database = new PgDatabase(new EdgeSettings(List.of(URI.create(stack.conf("redis"))), stack.conf("kafka"),
            stack.conf("postgres"), stack.conf("postgres-user"), "", SharedStack.namespace("events"),
            new CanvasSettings(10, 10, Palette.rPlace2022(), 0)), 1);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Placement placement(long seq, int x, String user) {
        return new Placement(0, seq, 1_796_000_000_000L + seq, 0, x, 1, 3, 1, user);
    }

    private static long store(List<Placement> placements, List<Long> offsets) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            long stored = EventRows.insert(connection, placements, offsets);
            connection.commit();
            return stored;
        }
    }

    private static long count(String where) throws SQLException {
        try (Connection connection = database.connection();
             ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM pixel_events " + where)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aBatchHoldingPlacementsAlreadyStoredStoresOnlyTheNewOnes() throws SQLException {
        assertEquals(2, store(List.of(placement(1, 2, "ana"), placement(2, 2, "bo")), List.of(10L, 11L)));
        // The outbox logged placement 2 again (its first append timed out yet landed), beside a new one.
        assertEquals(1, store(List.of(placement(2, 2, "bo"), placement(3, 2, "cy")), List.of(12L, 13L)),
            "only the new one counts");

        assertEquals(3, count("WHERE x = 2"));
        assertEquals(1, count("WHERE x = 2 AND seq = 2 AND log_offset = 11"), "the first copy is the one kept");
        assertEquals(1, count("WHERE x = 2 AND seq = 3 AND log_offset = 13"));
    }

    @Test
    void namesWithTabsBackslashesAndLineEndsComeBackAsTheyWere() throws SQLException {
        List<String> names = List.of("tab\there", "back\\slash\\n", "line\nend\r", "é\u00e8 \u2603", "\\.");
        List<Placement> placements = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            placements.add(placement(100 + i, 7, names.get(i)));
        }
        store(placements, List.of(100L, 101L, 102L, 103L, 104L));

        try (Connection connection = database.connection()) {
            List<String> newestFirst = new java.util.ArrayList<>(EventRows.at(connection, 7, 1, Long.MAX_VALUE, 10)
                .stream().map(Placement::user).toList());
            java.util.Collections.reverse(newestFirst);
            assertEquals(names, newestFirst);
        }
    }

    @Test
    void aDayPartitionRolledBackWithItsBatchIsMadeAgainOnceForgotten() throws SQLException {
        // A day no other test uses: its partition is made by this batch, then undone with it.
        Placement later = new Placement(1, 1, 1_796_000_000_000L + 40L * 86_400_000, 0, 3, 3, 2, 1, "di");
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            EventRows.insert(connection, List.of(later), List.of(500L));
            connection.rollback();
        }
        EventRows.forgetPartitions();

        assertEquals(1, store(List.of(later), List.of(501L)));
        assertEquals(1, count("WHERE seq = 1 AND band = 1"));
    }
}
