package org.distriplace.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * The desktop app's remembered preferences: {@code preferences.properties} in the app's home
 * ({@code ~/.distri-place}, or the {@code distri-place.home} system property), one line per option, keyed by the
 * option's long name without dashes ({@code http-port=8085}). They serve as the {@code app} command's defaults:
 * an option given on the command line still wins.
 */
public final class PreferencesFile implements CommandLine.IDefaultValueProvider {

    /** The options the preferences dialog edits, in the order it shows them. */
    public static final List<String> KEYS = List.of("user", "id", "http-port", "peer-port",
        "peers", "cluster-secret", "cluster-name", "canvas", "data-dir", "auto-remove-after");

    /** The app's home directory. */
    public static Path home() {
        String override = System.getProperty("distri-place.home");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".distri-place");
    }

    public static Path path() {
        return home().resolve("preferences.properties");
    }

    /** The saved preferences (empty when none were saved). */
    public static Map<String, String> load() {
        Properties properties = new Properties();
        Path file = path();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** Replaces the saved preferences; blank values are dropped (the built-in default applies). */
    public static void save(Map<String, String> values) {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                properties.setProperty(key, value.trim());
            }
        });
        Path file = path();
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "distri-place preferences (options given on the command line win)");
            }
            // Written whole, then renamed: a crash mid-save never leaves half a file.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        return load().get(option.longestName().replaceFirst("^-+", ""));
    }
}
