package org.distriplace.edge;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;

/**
 * One placement as Redis ordered it: the record published to every edge, logged in Kafka and stored by the
 * history service. Its text form, {@code seq|ms|logical|band|x|y|color|edge|user}, is built by the placement
 * script and read by everyone (the user comes last: it is the one field that may hold anything).
 *
 * @param band    the canvas band that ordered it
 * @param seq     its number in that band's order (from 1): with the band, its identity
 * @param ms      the band's clock when it was placed, milliseconds of Redis' time
 * @param logical breaks ties within one millisecond
 * @param x       column
 * @param y       row
 * @param color   palette index
 * @param edge    the edge the player placed it through
 * @param user    who placed it
 */
public record Placement(int band, long seq, long ms, long logical, int x, int y, int color, int edge, String user) {

    private static final int FIELDS = 9;

    /** The hybrid logical clock stamp last-write-wins compares. */
    public long stamp() {
        return Hlc.pack(ms, logical);
    }

    /** The write as the API and the history know writes: ordered by its band (the "node" {@code band + 1}). */
    public PixelWrite write(Palette palette) {
        int orderer = band + 1;
        return new PixelWrite(x, y, palette.colors().get(color), user, edge, seq, stamp(), orderer,
            VectorClock.of(Map.of(orderer, seq)));
    }

    /** The fields the edge knows before Redis orders it: the script prefixes seq, ms and logical. */
    static String tail(int band, int x, int y, int color, int edge, String user) {
        return band + "|" + x + "|" + y + "|" + color + "|" + edge + "|" + user;
    }

    public byte[] encode() {
        return (seq + "|" + ms + "|" + logical + "|" + tail(band, x, y, color, edge, user))
            .getBytes(StandardCharsets.UTF_8);
    }

    /** The placement in {@code bytes}, or empty if they are not one (never trusted blindly: they cross a network). */
    public static Optional<Placement> decode(byte[] bytes) {
        String[] fields = new String(bytes, StandardCharsets.UTF_8).split("\\|", FIELDS);
        if (fields.length != FIELDS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Placement(Integer.parseInt(fields[3]), Long.parseLong(fields[0]),
                Long.parseLong(fields[1]), Long.parseLong(fields[2]), Integer.parseInt(fields[4]),
                Integer.parseInt(fields[5]), Integer.parseInt(fields[6]), Integer.parseInt(fields[7]), fields[8]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
