package org.distriplace.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaletteTest {

    @Test
    void defaultIsRPlace2022WithWhiteBackground() {
        Palette palette = Palette.rPlace2022();
        assertEquals(32, palette.size());
        assertEquals(Color.of("#6D001A"), palette.color(0));
        assertEquals(Color.of("#FF4500"), palette.color(2));
        assertEquals(Color.of("#FFFFFF"), palette.background());
        assertEquals(31, palette.backgroundIndex());
        assertTrue(palette.contains(Color.of("#d4d7d9")), "hex is case-insensitive");
        assertFalse(palette.contains(Color.of("#123456")));
        assertEquals(-1, palette.indexOf(Color.of("#123456")));
    }

    @Test
    void loadsACustomPaletteFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny.palette");
        Files.writeString(file, "## comment\n#000000\n\n#FF0000 background\n#00FF00\n");
        Palette palette = Palette.load(file);
        assertEquals(List.of(Color.of("#000000"), Color.of("#FF0000"), Color.of("#00FF00")), palette.colors());
        assertEquals(1, palette.backgroundIndex());
    }

    @Test
    void rejectsBadPaletteFilesWithTheLineAtFault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.palette");
        Files.writeString(file, "#000000\nnot-a-colour\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Palette.load(file));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void holdsAtMost256DistinctColours() {
        List<Color> many = java.util.stream.IntStream.range(0, 257).mapToObj(Color::new).toList();
        assertThrows(IllegalArgumentException.class, () -> new Palette("big", many, 0));
        assertThrows(IllegalArgumentException.class,
            () -> new Palette("twice", List.of(Color.of("#000000"), Color.of("#000000")), 0));
        assertEquals(256, new Palette("max", many.subList(0, 256), 0).size());
    }

    @Test
    void colourParsingRefusesAnythingButHashRrggbb() {
        assertEquals("#0A0B0C", Color.of("#0a0b0c").hex());
        for (String bad : new String[] {null, "", "#12345", "#1234567", "123456#", "#GGGGGG", "red"}) {
            assertTrue(Color.parse(bad).isEmpty(), "refuses " + bad);
        }
    }
}
