package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PreferencesFileTest {

    @TempDir
    Path home;
    private String previousHome;

    @BeforeEach
    void useTemporaryHome() {
        previousHome = System.getProperty("distri-place.home");
        System.setProperty("distri-place.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("distri-place.home");
        } else {
            System.setProperty("distri-place.home", previousHome);
        }
    }

    private static DesktopCommand parse(String... args) {
        DesktopCommand command = new DesktopCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void savedPreferencesBecomeTheAppsDefaultsAndTheCommandLineStillWins() throws Exception {
        assertEquals(8080, parse().options.httpPort, "built-in default before anything is saved");
        PreferencesFile.save(Map.of("http-port", "8085", "user", "  ada ", "canvas", "", "id", "4"));
        assertEquals(Map.of("http-port", "8085", "user", "ada", "id", "4"), PreferencesFile.load(),
            "trimmed, blanks dropped");
        DesktopCommand saved = parse();
        assertEquals(8085, saved.options.httpPort);
        assertEquals(4, saved.options.id);
        assertEquals("ada", saved.user);
        assertEquals("1000x1000", saved.options.canvas, "unsaved options keep their defaults");
        assertEquals(9000, parse("--http-port", "9000").options.httpPort);
        assertEquals(1, Files.list(home).count(), "no temporary file left behind");
    }

    /** A shared school computer: other accounts must not read the class's cluster secret. */
    @Test
    void theSavedSecretIsReadableByItsOwnerOnlyAndAnOlderOpenFileIsTightened() throws Exception {
        System.setProperty("distri-place.home", home.resolve("fresh").toString());
        PreferencesFile.save(Map.of("cluster-secret", "class-4b"));
        Path file = PreferencesFile.path();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // as older versions left it
        assertEquals("class-4b", PreferencesFile.load().get("cluster-secret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
