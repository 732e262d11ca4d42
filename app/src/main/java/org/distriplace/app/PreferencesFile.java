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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
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

    /** The saved preferences (empty when none were saved); a file others could read is made its owner's only. */
    public static Map<String, String> load() {
        Properties properties = new Properties();
        Path file = path();
        if (Files.isRegularFile(file)) {
            ownerOnly(file, OWNER_FILE);
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
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent());
                ownerOnly(file.getParent(), OWNER_DIRECTORY);
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            // Created readable by its owner only before the secret is written into it: on a shared school
            // computer, other accounts must not read the class's cluster secret.
            createOwnerOnly(temporary);
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "distri-place preferences (options given on the command line win)");
            }
            // Written whole, then renamed: a crash mid-save never leaves half a file.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path.getParent() != null ? path.getParent() : path,
            PosixFileAttributeView.class) != null;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file); // Windows: the user's profile is already private to them
        }
    }

    /** Narrows {@code path} to its owner, where the file system has POSIX permissions. */
    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (posix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not ours to change (another owner): reading it still works.
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
