package org.distriplace.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host coming from 0.1.0's single package ({@code src/test/old-0.1.0}: its control, conffile and maintainer
 * scripts as they were, which is all that decides what dpkg does with its files), with settings and a node's data
 * of its own: installing both new packages, or the headless one alone, then purging what is left of the old one or
 * the desktop package, keeps the host's settings, the node's data and the service's user. It changes the machine,
 * so it runs only where asked ({@code DISTRI_PLACE_INSTALL_TEST=1}, as root).
 */
class FromOldPackageIT {

    private static final Path NODE_DEB = Installed.NODE_DEB;
    private static final Path DESKTOP_DEB = Installed.DESKTOP_DEB;
    private static final Path CONF = Path.of("/etc/distri-place/node.conf");
    private static final Path DATA = Path.of("/var/lib/distri-place/node/canvas.db");

    @TempDir
    Path dir;

    @Test
    void upgradingBothOrTheHeadlessOneAloneKeepsTheHostsSettingsDataAndUser() throws Exception {
        Installed.assumeInstallsAllowed();
        Path old = oldPackage();
        try {
            hostOnOldPackage(old);
            apt("install", NODE_DEB.toAbsolutePath().toString(), DESKTOP_DEB.toAbsolutePath().toString());
            apt("purge", "distri-place");
            assertKept("after upgrading both and purging the desktop package");

            purgeAll();
            hostOnOldPackage(old);
            apt("install", NODE_DEB.toAbsolutePath().toString());
            assertEquals("deinstall ok config-files", run("dpkg-query", "-W", "-f=${Status}", "distri-place"),
                "the headless package alone removes 0.1.0, leaving its configuration");
            assertEquals(0, Installed.run(Installed.ROOT_ENV, dir.resolve("purge-old.log"), "dpkg", "--purge",
                "distri-place").exitCode());
            assertKept("after installing the headless package alone and purging 0.1.0");
        } finally {
            purgeAll();
        }
    }

    /** 0.1.0 installed, its node.conf given the host's own secret, and a node's data beside it. */
    private void hostOnOldPackage(Path old) throws IOException, InterruptedException {
        apt("install", old.toString());
        Files.writeString(CONF, Files.readString(CONF).replace("cluster-secret = change-me",
            "cluster-secret = the-hosts-own"));
        Files.createDirectories(DATA.getParent());
        Files.writeString(DATA, "a canvas");
    }

    private void assertKept(String when) throws IOException, InterruptedException {
        assertTrue(Files.readString(CONF).contains("cluster-secret = the-hosts-own"), when + ": " + Files.readString(
            CONF));
        assertEquals("a canvas", Files.readString(DATA), when);
        assertTrue(run("getent", "passwd", "distri-place").startsWith("distri-place:"), when);
    }

    /** The old package: its control file, conffile and scripts, and the files it held that the new ones hold. */
    private Path oldPackage() throws IOException, InterruptedException {
        Path sources = Path.of("src", "test", "old-0.1.0");
        Path root = dir.resolve("old");
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.createDirectories(root.resolve("etc/distri-place"));
        Files.createDirectories(root.resolve("opt/distri-place/bin"));
        for (String file : List.of("control", "conffiles", "postinst", "prerm", "postrm")) {
            Path to = Files.copy(sources.resolve(file), root.resolve("DEBIAN").resolve(file));
            to.toFile().setExecutable(!file.equals("control") && !file.equals("conffiles"), false);
        }
        Files.copy(sources.resolve("node.conf"), root.resolve("etc/distri-place/node.conf"));
        Files.writeString(root.resolve("opt/distri-place/bin/distri-place"), "#!/bin/sh\necho 0.1.0\n");
        Path deb = dir.resolve("distri-place_0.1.0_amd64.deb");
        Installed.Result built = Installed.run(Installed.ROOT_ENV, dir.resolve("old-build.log"), "dpkg-deb",
            "--root-owner-group", "--build", root.toString(), deb.toString());
        assertEquals(0, built.exitCode(), built.output());
        return deb;
    }

    /** apt-get as an unattended host runs it: a conffile the host changed is kept without asking. */
    private void apt(String action, String... packages) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("apt-get", action, "-y", "-q",
            "--no-install-recommends", "-o", "Dpkg::Options::=--force-confold"));
        command.addAll(List.of(packages));
        Installed.Result result = Installed.run(Installed.ROOT_ENV, Files.createTempFile(dir, "apt-", ".log"),
            command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
    }

    private void purgeAll() throws IOException, InterruptedException {
        Installed.run(Installed.ROOT_ENV, dir.resolve("purge.log"), "apt-get", "purge", "-y", "-q", "distri-place",
            "distri-place-node");
        Installed.run(Installed.ROOT_ENV, dir.resolve("purge-rc.log"), "dpkg", "--purge", "distri-place",
            "distri-place-node");
        Installed.run(Installed.ROOT_ENV, dir.resolve("rm.log"), "rm", "-rf", "/var/lib/distri-place",
            "/etc/distri-place");
    }

    private String run(String... command) throws IOException, InterruptedException {
        return Installed.run(Installed.ROOT_ENV, Files.createTempFile(dir, "run-", ".log"), command).output().strip();
    }
}
