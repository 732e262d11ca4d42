package org.distriplace.installers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ordinary user for the installed app, made for the test and deleted with its home afterwards: the JVM takes a
 * user's home from the password file, so only a real user shows where the app keeps its files, and with which
 * permissions.
 */
record Player(String name, Path home) implements AutoCloseable {

    /** Adds the user {@code name} with a fresh home under /home. */
    static Player create(String name, Path log) throws IOException, InterruptedException {
        Path home = Path.of("/home", name);
        Installed.run(Installed.ROOT_ENV, log, "userdel", "--remove", name);
        Installed.Result added = Installed.run(Installed.ROOT_ENV, log, "useradd", "--create-home", "--home-dir",
            home.toString(), "--shell", "/bin/sh", name);
        if (added.exitCode() != 0) {
            throw new IllegalStateException("useradd " + name + ": " + added.output());
        }
        return new Player(name, home);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Installed.run(Installed.ROOT_ENV, java.nio.file.Files.createTempFile("userdel-", ".log"), "userdel",
            "--remove", name);
        // The JVM's performance data of the user's processes, which it leaves behind in /tmp.
        Installed.run(Installed.ROOT_ENV, java.nio.file.Files.createTempFile("userdel-", ".log"), "rm", "-rf",
            "/tmp/hsperfdata_" + name);
    }
}
