package org.distriplace.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The built packages again under a later version, as the next release brings them to a host. */
final class UpgradeDebs {

    private UpgradeDebs() {
    }

    /** Each of {@code debs} rebuilt as version {@code to} (and depending on the others at {@code to}). */
    static Path[] nextVersion(Path dir, String from, String to, Path... debs) throws IOException,
        InterruptedException {
        Path[] next = new Path[debs.length];
        for (int i = 0; i < debs.length; i++) {
            Path tree = dir.resolve("repack-" + i);
            check(Installed.run(Installed.ROOT_ENV, dir.resolve("unpack.log"), "dpkg-deb", "-R",
                debs[i].toAbsolutePath().toString(), tree.toString()));
            Path control = tree.resolve("DEBIAN/control");
            Files.writeString(control, Files.readString(control).replace("Version: " + from + "\n", "Version: " + to
                + "\n").replace("(= " + from + ")", "(= " + to + ")"));
            next[i] = dir.resolve(debs[i].getFileName().toString().replace("_" + from + "_", "_" + to + "_"));
            check(Installed.run(Installed.ROOT_ENV, dir.resolve("repack.log"), "dpkg-deb", "--root-owner-group",
                "--build", tree.toString(), next[i].toString()));
        }
        return next;
    }

    private static void check(Installed.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.output());
        }
    }
}
