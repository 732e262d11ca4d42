package org.distriplace.inspector.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lessons that come with the inspector, in teaching order, and the ones teachers write as files. */
public final class Lessons {

    /** The built-in lessons' file names (resources beside this class's package, in {@code lessons/}). */
    public static final List<String> BUILT_IN = List.of("leader-crash", "partition-and-heal", "split-brain",
        "two-phase-commit-abort", "vector-clocks", "gossip-repair", "player-leaving", "rejoin-after-missed-writes",
        "sharding");

    /** The longest lesson file read: a lesson is a page of text. */
    static final long MAX_FILE_BYTES = 256 * 1024;

    private Lessons() {
    }

    /** A built-in lesson, by its name in {@link #BUILT_IN}. */
    public static Lesson builtIn(String name) {
        try (InputStream in = Lessons.class.getResourceAsStream("/org/distriplace/inspector/lessons/" + name
            + ".lesson")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in lesson '" + name + "'");
            }
            return Lesson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lesson a teacher wrote; a file that is not one is refused saying why (its line, or its size). */
    public static Lesson load(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file.getFileName() + " is larger than a lesson can be ("
                + MAX_FILE_BYTES / 1024 + " KiB)");
        }
        return Lesson.parse(Files.readString(file, StandardCharsets.UTF_8));
    }
}
