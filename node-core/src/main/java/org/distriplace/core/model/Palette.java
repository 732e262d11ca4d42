package org.distriplace.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fixed set of colours a canvas may hold. A pixel stores its colour's index here, so a canvas costs one byte
 * per pixel. Every node of a cluster must use the same palette.
 *
 * <p>Palette files are text: one {@code #RRGGBB} per line; blank lines and lines starting with {@code #} followed
 * by a space or {@code ##} are comments. The first colour marked {@code background} (or else white, or else the
 * last colour) is the colour of a pixel nobody has written.
 */
public final class Palette {

    public static final int MAX_COLORS = 256;
    private static final String RPLACE_2022 = "/org/distriplace/assets/palettes/rplace-2022.palette";

    private final String name;
    private final List<Color> colors;
    private final Map<Color, Integer> indexes;
    private final int background;

    public Palette(String name, List<Color> colors, int background) {
        Objects.requireNonNull(name, "name");
        if (colors.isEmpty() || colors.size() > MAX_COLORS) {
            throw new IllegalArgumentException("a palette holds 1 to " + MAX_COLORS + " colours, not " + colors.size());
        }
        if (background < 0 || background >= colors.size()) {
            throw new IllegalArgumentException("background index out of range: " + background);
        }
        this.name = name;
        this.colors = List.copyOf(colors);
        this.indexes = new HashMap<>();
        for (int i = 0; i < this.colors.size(); i++) {
            if (indexes.putIfAbsent(this.colors.get(i), i) != null) {
                throw new IllegalArgumentException("colour listed twice: " + this.colors.get(i));
            }
        }
        this.background = background;
    }

    /** r/place 2022's 32 colours, background white. */
    public static Palette rPlace2022() {
        try (InputStream in = Palette.class.getResourceAsStream(RPLACE_2022)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled palette " + RPLACE_2022);
            }
            return read("r/place 2022", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a palette file; throws {@link IllegalArgumentException} with the line at fault. */
    public static Palette load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        }
    }

    static Palette read(String name, InputStream in) throws IOException {
        List<Color> colors = new ArrayList<>();
        int background = -1;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("##") || text.startsWith("# ") || text.equals("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            int at = lineNumber;
            Color color = Color.parse(parts[0]).orElseThrow(
                () -> new IllegalArgumentException("line " + at + ": not a #RRGGBB colour: " + parts[0]));
            if (parts.length > 1 && parts[1].equalsIgnoreCase("background") && background < 0) {
                background = colors.size();
            }
            colors.add(color);
        }
        if (background < 0) {
            int white = colors.indexOf(new Color(0xFFFFFF));
            background = white >= 0 ? white : colors.size() - 1;
        }
        return new Palette(name, colors, Math.max(background, 0));
    }

    public String name() {
        return name;
    }

    public int size() {
        return colors.size();
    }

    public List<Color> colors() {
        return colors;
    }

    public Color color(int index) {
        return colors.get(index);
    }

    /** The index of {@code color}, or -1 when it is not in this palette. */
    public int indexOf(Color color) {
        Integer index = indexes.get(color);
        return index == null ? -1 : index;
    }

    public boolean contains(Color color) {
        return indexes.containsKey(color);
    }

    public int backgroundIndex() {
        return background;
    }

    public Color background() {
        return colors.get(background);
    }
}
