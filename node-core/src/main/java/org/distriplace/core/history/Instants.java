package org.distriplace.core.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Moments as people and the API write them: ISO-8601, in UTC ({@code Z}) or with an offset. */
public final class Instants {

    private Instants() {
    }

    /** Parses {@code 2026-11-30T20:15:00Z} or {@code 2026-11-30T21:15:00+01:00}; anything else is refused. */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time such as "
                    + "2026-11-30T20:15:00Z");
            }
        }
    }
}
