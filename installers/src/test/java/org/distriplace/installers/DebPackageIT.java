package org.distriplace.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two .debs as a packager, a host and a newcomer meet them (issue 25): Debian's and freedesktop's validators,
 * then on this machine, under a real systemd ({@link SystemdSandbox}): the headless package alone, its service
 * enabled and serving, promtool on its metrics; the desktop package and its window under Xvfb; an upgrade that
 * restarts the running service; removal that leaves players' data; purge that leaves only the system user, as
 * Debian keeps them. It changes the machine, so it runs only where asked ({@code DISTRI_PLACE_INSTALL_TEST=1}, as
 * root: {@code .ci/run} does).
 */
class DebPackageIT {

    private static final String VERSION = Installed.VERSION;
    private static final String NEXT = VERSION + "+upgrade1";
    private static final Path NODE_DEB = Installed.NODE_DEB;
    private static final Path DESKTOP_DEB = Installed.DESKTOP_DEB;
    private static final Path UNIT = Path.of("/lib/systemd/system/distri-place-node.service");
    private static final Path CONF = Path.of("/etc/distri-place/node.conf");
    private static final Path SECRET_FILE = Path.of("/etc/distri-place/cluster-secret");
    private static final String SERVICE = "distri-place-node.service";
    private static final Pattern SECRET = Pattern.compile("[0-9a-f]{64}\n");

    @TempDir
    Path dir;

    @Test
    void validatedInstalledServedUpgradedRemovedAndPurged() throws Exception {
        Installed.assumeInstallsAllowed();
        assumeTrue(Validators.installed() && Desktop.available() && SystemdSandbox.available(), "needs lintian, "
            + "desktop-file-utils, appstream, prometheus (promtool), xvfb, x11-utils and systemd, as root: see "
            + ".ci/run");
        assertTrue(Files.isRegularFile(NODE_DEB) && Files.isRegularFile(DESKTOP_DEB), "built by the installers "
            + "profile: " + NODE_DEB + ", " + DESKTOP_DEB);
        assertEquals(List.of(), Validators.unexpectedLintianErrors(dir.resolve("lintian.log"), NODE_DEB, DESKTOP_DEB),
            "lintian --pedantic: errors beyond " + Validators.EXPECTED_LINTIAN_ERRORS.keySet());
        Installed.run(Installed.ROOT_ENV, dir.resolve("purge-before.log"), "apt-get", "purge", "-y", "distri-place",
            "distri-place-node");
        Path[] next = UpgradeDebs.nextVersion(dir, VERSION, NEXT, NODE_DEB, DESKTOP_DEB);
        try (SystemdSandbox systemd = SystemdSandbox.boot(dir);
             Player player = Player.create("dp-install-test", dir.resolve("player.log"))) {
            String secret = theHeadlessPackageServes(systemd);
            long before = Long.parseLong(systemd.property(SERVICE, "MainPID"));
            Path keepsake = theDesktopPackageOpensItsWindows(systemd, player);
            anUpgradeRestartsTheRunningService(systemd, next, before, secret);
            removingKeepsDataAndPurgingLeavesOnlyTheUser(systemd);
            assertTrue(Files.exists(keepsake), "players' data stays");
        } finally {
            Installed.run(Installed.ROOT_ENV, dir.resolve("purge-after.log"), "apt-get", "purge", "-y",
                "distri-place", "distri-place-node");
        }
    }

    /** The headless package alone: its settings, docs and unit; then its service, enabled and serving. */
    private String theHeadlessPackageServes(SystemdSandbox systemd) throws Exception {
        assertInstalled(systemd, NODE_DEB);
        String depends = Installed.run(Installed.ROOT_ENV, dir.resolve("depends.log"), "dpkg-deb", "-f",
            NODE_DEB.toString(), "Depends").output();
        for (String desktopOnly : List.of("libgtk", "libgl1", "libx11", "libasound", "libxtst")) {
            assertFalse(depends.contains(desktopOnly), "a headless server needs no " + desktopOnly + ": " + depends);
        }
        String secret = Files.readString(SECRET_FILE);
        assertTrue(SECRET.matcher(secret).matches(), "a random secret made for this host: " + secret);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(SECRET_FILE)), "the secret is the service's and root's only");
        assertEquals("distri-place", Files.readAttributes(SECRET_FILE,
            java.nio.file.attribute.PosixFileAttributes.class).group().getName());
        assertTrue(Files.readString(CONF).contains("\ncluster-secret-file = " + SECRET_FILE + "\n")
            && !Files.readString(CONF).contains("change-me"), "node.conf names it and holds no placeholder");
        assertTrue(run("distri-place", "--version").contains("distri-place " + VERSION));
        assertTrue(run("man", "-w", "distri-place-node").endsWith("distri-place-node.1.gz"), "man distri-place-node");
        assertTrue(run("bash", "-c", "source /usr/share/bash-completion/completions/distri-place && complete -p "
            + "distri-place").contains("distri-place"), "bash completion");
        assertEquals("", Validators.unitComplaints(dir.resolve("verify.log"), UNIT), "systemd-analyze verify");
        double exposure = Validators.exposure(dir.resolve("security.log"), UNIT);
        assertTrue(exposure <= 3.0, "systemd-analyze security: " + exposure);
        for (String page : Files.readString(UNIT).replaceAll("(?s).*Documentation=([^\n]*).*", "$1").split(" ")) {
            assertTrue(page.startsWith("man:") && !run("man", "-w", page.substring(4).replaceAll("\\(\\d\\)$", ""))
                .isBlank(), "Documentation= " + page);
        }

        int http = Installed.freePort();
        Files.writeString(CONF, Files.readString(CONF).replaceAll("(?m)^http-port = .*$", "http-port = " + http)
            .replaceAll("(?m)^peer-port = .*$", "peer-port = " + Installed.freePort()) + "bind = 127.0.0.1\n");
        assertEquals(0, systemd.run("systemctl", "enable", "--now", SERVICE).exitCode());
        awaitReady(http, systemd);
        assertEquals(200, Installed.post(http, "/pixel", "{\"x\":1,\"y\":2,\"color\":\"#2450A4\"}").statusCode());
        assertEquals("", Validators.promtoolFindings(dir.resolve("promtool.log"), Installed.get(http, "/metrics")
            .body()), "promtool check metrics");
        System.out.println("installed node: lintian clean but for " + Validators.EXPECTED_LINTIAN_ERRORS.keySet()
            + ", exposure " + exposure + ", promtool clean, serving as the sandboxed service on port " + http);
        return secret;
    }

    /** The desktop package on top: its menu entries and metadata validate, and its windows open under X. */
    private Path theDesktopPackageOpensItsWindows(SystemdSandbox systemd, Player player) throws Exception {
        assertInstalled(systemd, DESKTOP_DEB);
        Path entry = Path.of("/usr/share/applications/distri-place.desktop");
        for (Path desktop : List.of(entry, Path.of("/usr/share/applications/distri-place-trace.desktop"))) {
            assertEquals(List.of(), Validators.desktopFileFindings(dir.resolve("desktop-file.log"), desktop));
        }
        assertNull(Validators.appStreamFailure(dir.resolve("appstream.log"),
            Path.of("/usr/share/metainfo/org.distriplace.distriplace.metainfo.xml")));
        assertTrue(Files.readString(Path.of("/usr/share/mime/packages/distri-place.xml")).contains("*.dptrace"));
        String wmClass = Files.readString(entry).replaceAll("(?s).*StartupWMClass=([^\n]*).*", "$1");
        // A player's data from an older version, in a directory it left readable by everyone.
        Path data = player.home().resolve(".distri-place");
        assertEquals("made", run("runuser", "-u", player.name(), "--", "sh", "-c", "mkdir -m 755 " + data
            + " && echo keepsake > " + data + "/keepsake.txt && echo made"));
        try (Desktop x = Desktop.start(dir)) {
            windowOpens(x, player, "the app", wmClass, "app", "--no-discovery", "--http-port", "0", "--peer-port",
                "0", "--cluster-secret", "installed-app");
            Path trace = Files.writeString(player.home().resolve("lesson.dptrace"), "# distri-place trace v1\n");
            windowOpens(x, player, "a trace opened from a file manager", null, "inspect", "--trace",
                trace.toString());
        }
        assertTrue(Files.isDirectory(data.resolve("node-1")), "the app kept its node in the player's home");
        assertFalse(Files.exists(player.home().resolve(".openjfx")), "JavaFX, loaded as modules, unpacks nothing");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(data)), "the app's data is its player's only, even where it was not");
        return data.resolve("keepsake.txt");
    }

    /** Both packages a version on: the running node restarts on the new files and keeps its data and secret. */
    private void anUpgradeRestartsTheRunningService(SystemdSandbox systemd, Path[] next, long before, String secret)
        throws Exception {
        Installed.Result upgrade = systemd.run("apt-get", "install", "-y", "--no-install-recommends",
            next[0].toAbsolutePath().toString(), next[1].toAbsolutePath().toString());
        assertEquals(0, upgrade.exitCode(), upgrade.output());
        assertEquals(NEXT, run("dpkg-query", "-W", "-f=${Version}", "distri-place-node"));
        int http = Integer.parseInt(Files.readString(CONF).replaceAll("(?s).*\nhttp-port = (\\d+).*", "$1"));
        awaitReady(http, systemd);
        long after = Long.parseLong(systemd.property(SERVICE, "MainPID"));
        assertNotEquals(before, after, "the service was restarted on the new version");
        assertEquals(secret, Files.readString(SECRET_FILE), "the host's secret is kept");
        assertTrue(Files.readString(CONF).contains("bind = 127.0.0.1"), "and the host's changes to node.conf");
        byte[] canvas = Installed.getBytes(http, "/api/v1/canvas");
        String palette = Installed.get(http, "/api/v1/canvas/info").body().replaceAll("(?s).*\"palette\":\\[([^]]*)].*",
            "$1");
        assertEquals(List.of(palette.split(",")).indexOf("\"#2450A4\""), canvas[2 * 1000 + 1],
            "the pixel placed before the upgrade is still there");
        System.out.println("upgrade " + VERSION + " -> " + NEXT + ": service pid " + before + " -> " + after);
    }

    /** Remove keeps what is the host's and the players'; purge takes the rest but the system user. */
    private void removingKeepsDataAndPurgingLeavesOnlyTheUser(SystemdSandbox systemd) throws Exception {
        long running = Long.parseLong(systemd.property(SERVICE, "MainPID"));
        Installed.Result remove = systemd.run("apt-get", "remove", "-y", "distri-place", "distri-place-node");
        assertEquals(0, remove.exitCode(), remove.output());
        Installed.await("the node to stop", Duration.ofSeconds(30), () -> systemd.quietly("sh", "-c", "kill -0 "
            + running + " 2>/dev/null && echo running").isEmpty());
        assertFalse(Files.exists(Path.of("/usr/bin/distri-place")), "the command is gone");
        assertFalse(Files.exists(Path.of("/opt/distri-place")), "the program is gone");
        assertTrue(Files.exists(CONF) && Files.isDirectory(Path.of("/var/lib/distri-place/node")),
            "remove keeps the host's settings and the node's data");

        Installed.Result purge = systemd.run("apt-get", "purge", "-y", "distri-place", "distri-place-node");
        assertEquals(0, purge.exitCode(), purge.output());
        for (String gone : List.of("/etc/distri-place", "/var/lib/distri-place",
            "/etc/systemd/system/multi-user.target.wants/" + SERVICE, "/etc/systemd/system/" + SERVICE,
            "/var/lib/systemd/deb-systemd-helper-enabled/" + SERVICE + ".dsh-also",
            "/var/lib/systemd/deb-systemd-helper-masked/" + SERVICE)) {
            assertFalse(Files.exists(Path.of(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), "purge left " + gone);
        }
        assertTrue(run("getent", "passwd", "distri-place").startsWith("distri-place:"),
            "the system user stays, as Debian keeps them");
    }

    private void assertInstalled(SystemdSandbox systemd, Path deb) throws IOException, InterruptedException {
        Installed.Result install = systemd.run("apt-get", "install", "-y", "--no-install-recommends",
            deb.toAbsolutePath().toString());
        assertEquals(0, install.exitCode(), install.output());
    }

    private void awaitReady(int http, SystemdSandbox systemd) throws InterruptedException {
        Installed.await("the service ready on " + http + " (" + systemd.property(SERVICE, "ActiveState") + ")",
            Duration.ofSeconds(60), () -> Installed.ready(http));
    }

    /** The installed app on the test's display shows a window (with the menu entry's WM_CLASS, when given). */
    private void windowOpens(Desktop x, Player player, String what, String wmClass, String... arguments)
        throws Exception {
        Path log = dir.resolve(arguments[0] + ".log");
        Process app = x.launch(player, log, arguments);
        try {
            Installed.await(what + "'s window", Duration.ofSeconds(60), () -> read(log).contains("window shown"));
            Matcher shown = Pattern.compile("window shown (\\d+) ms").matcher(read(log));
            assertTrue(shown.find());
            assertFalse(read(log).contains("Unsupported JavaFX configuration"), read(log));
            if (wmClass != null) {
                List<List<String>> classes = x.windowClasses();
                assertTrue(classes.stream().anyMatch(names -> names.contains(wmClass)), "StartupWMClass=" + wmClass
                    + " matches no window: " + classes);
            }
            System.out.println("installed, " + what + ": window shown " + shown.group(1) + " ms after launch");
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor();
        }
    }

    private String run(String... command) throws IOException, InterruptedException {
        return Installed.run(Installed.ROOT_ENV, Files.createTempFile(dir, "run-", ".log"), command).output().strip();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }
}
