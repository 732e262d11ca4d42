package org.distriplace.core.model;

import java.util.HexFormat;
import java.util.Optional;

/**
 * An opaque 24-bit RGB colour, written {@code #RRGGBB} on every wire.
 *
 * @param rgb the colour as {@code 0xRRGGBB}
 */
public record Color(int rgb) {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public Color {
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("not a 24-bit colour: " + rgb);
        }
    }

    /** Parses {@code #RRGGBB} (case-insensitive); anything else is empty. */
    public static Optional<Color> parse(String text) {
        if (text == null || text.length() != 7 || text.charAt(0) != '#') {
            return Optional.empty();
        }
        int value = 0;
        for (int i = 1; i < 7; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return Optional.empty();
            }
            value = value << 4 | digit;
        }
        return Optional.of(new Color(value));
    }

    /** Like {@link #parse} but throws for bad input; for literals in code and tests. */
    public static Color of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a #RRGGBB colour: " + text));
    }

    public String hex() {
        // Not String.format: colours are written for every pixel that crosses a wire.
        return "#" + HEX.toHexDigits(rgb).substring(2);
    }

    @Override
    public String toString() {
        return hex();
    }
}
