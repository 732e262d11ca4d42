package org.distriplace.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb on this machine, as a newcomer and a host use it: installed with apt-get, the command on the PATH, a
 * headless node from the service's config file as the service's user, the desktop app's window under Xvfb, and
 * removal that leaves players' data alone. It changes the machine, so it runs only where asked
 * ({@code DISTRI_PLACE_INSTALL_TEST=1}, as root: {@code .ci/run} does).
 */
class DebPackageIT {

    private static final Path DEB = Path.of("target", "distri-place_0.1.0_amd64.deb");
    private static final Map<String, String> ROOT_ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
        "DEBIAN_FRONTEND", "noninteractive");

    @TempDir
    Path dir;

    @Test
    void aNewcomerInstallsPaintsOpensTheWindowAndRemovesItWhileTheirDataStays() throws Exception {
        assumeTrue("1".equals(System.getenv("DISTRI_PLACE_INSTALL_TEST")),
            "installs a package: set DISTRI_PLACE_INSTALL_TEST=1 (as root) to run it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "needs Xvfb for the window (apt-get install "
            + "xvfb)");
        assertTrue(Files.isRegularFile(DEB), DEB + " (built by the installers profile)");
        Path home = Path.of(System.getProperty("user.home"), ".distri-place");
        Files.createDirectories(home);
        Path keepsake = Files.writeString(home.resolve("keepsake.txt"), "a player's data");
        try {
            Installed.Result install = Installed.run(ROOT_ENV, dir.resolve("install.log"), "apt-get", "install", "-y",
                "--no-install-recommends", DEB.toAbsolutePath().toString());
            assertEquals(0, install.exitCode(), install.output());

            Installed.Result help = Installed.run(ROOT_ENV, dir.resolve("help.log"), "distri-place", "--help");
            assertEquals(0, help.exitCode(), help.output());
            assertTrue(Files.isRegularFile(Path.of("/usr/share/applications/distri-place.desktop")), "in the menu");
            assertTrue(Files.isRegularFile(Path.of("/usr/share/icons/hicolor/256x256/apps/distri-place.png")));
            String unit = Files.readString(Path.of("/lib/systemd/system/distri-place-node.service"));
            assertTrue(unit.contains("SuccessExitStatus=143") && unit.contains("User=distri-place"), unit);

            assertTrue(Files.readString(Path.of("/usr/share/applications/distri-place-trace.desktop"))
                .contains("Exec=/usr/bin/distri-place inspect --trace %f"), "traces open in the inspector");
            assertTrue(Files.readString(Path.of("/usr/share/mime/packages/distri-place.xml")).contains("*.dptrace"));

            serviceNodeTakesAPixel();
            windowOpens("the app", "app", "--no-discovery", "--http-port", "0", "--peer-port", "0", "--data-dir",
                dir.resolve("app-data").toString());
            Path trace = Files.writeString(dir.resolve("lesson.dptrace"), "# distri-place trace v1\n");
            windowOpens("a trace opened from a file manager", "inspect", "--trace", trace.toString());

            Installed.Result remove = Installed.run(ROOT_ENV, dir.resolve("remove.log"), "apt-get", "remove", "-y",
                "distri-place");
            assertEquals(0, remove.exitCode(), remove.output());
            assertFalse(Files.exists(Path.of("/usr/bin/distri-place")), "the command is gone");
            assertFalse(Files.exists(Path.of("/opt/distri-place")), "the program is gone");
            assertTrue(Files.exists(keepsake), "players' data stays");
        } finally {
            Installed.run(ROOT_ENV, dir.resolve("purge.log"), "apt-get", "purge", "-y", "distri-place");
            Files.deleteIfExists(keepsake);
        }
    }

    /** The service's way: its user, its config file; ports moved by flags so the test does not need 8080. */
    private void serviceNodeTakesAPixel() throws Exception {
        int http = Installed.freePort();
        Process node = Installed.start(ROOT_ENV, dir.resolve("service-node.log"), "runuser", "-u", "distri-place",
            "--", "/usr/bin/distri-place", "node", "--config", "/etc/distri-place/node.conf", "--http-port",
            Integer.toString(http), "--peer-port", Integer.toString(Installed.freePort()), "--bind", "127.0.0.1");
        try {
            Installed.await("the installed node ready", Duration.ofSeconds(60), () -> Installed.ready(http));
            assertEquals(200, Installed.post(http, "/pixel", "{\"x\":1,\"y\":2,\"color\":\"#2450A4\"}").statusCode());
            assertTrue(Files.isDirectory(Path.of("/var/lib/distri-place/node")), "data where the config puts it");
        } finally {
            node.destroy();
            node.waitFor();
        }
    }

    /** The installed command under Xvfb shows a window, and says how long that took. */
    private void windowOpens(String what, String... arguments) throws Exception {
        Path log = dir.resolve(arguments[0] + ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("xvfb-run", "-a", "-s",
            "-screen 0 1280x900x24", "/usr/bin/distri-place"));
        command.addAll(java.util.List.of(arguments));
        Process app = Installed.start(Map.of("PATH", "/usr/bin:/bin", "HOME", System.getProperty("user.home")), log,
            command.toArray(String[]::new));
        try {
            Installed.await(what + "'s window", Duration.ofSeconds(60), () -> read(log).contains("window shown"));
            Matcher shown = Pattern.compile("window shown (\\d+) ms").matcher(read(log));
            assertTrue(shown.find());
            System.out.println("installed, " + what + ": window shown " + shown.group(1) + " ms after launch");
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
