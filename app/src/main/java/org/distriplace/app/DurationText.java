package org.distriplace.app;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 0}, {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, or ISO {@code PT2M}.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private DurationText() {
    }

    /** @throws IllegalArgumentException with what is expected, for anything else or a negative duration */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration iso = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (RuntimeException notIso) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write 0, 500ms, 90s, 2m or 1h");
    }
}
