package org.distriplace.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real systemd for the package's test: booted as PID 1 of a new PID and mount namespace, with a /run of its own
 * (so the maintainer scripts run inside it see a booted systemd, and the host's /run is untouched), into a target
 * that starts nothing the test does not ask for. Commands run inside it through {@code nsenter}. It shares the
 * host's file system and network: the service binds loopback ports the test chose. The units that would clean
 * /tmp at boot are masked first, since the file system is the host's. Container images forbid maintainer scripts to
 * start or restart services (a Docker-style /usr/sbin/policy-rc.d that answers 101); inside the sandbox it is
 * hidden, as on an ordinary Debian host, so the packages' own start and restart logic is what the test sees.
 */
final class SystemdSandbox implements AutoCloseable {

    private static final String BOOT = String.join("\n",
        "mount -t tmpfs -o mode=755 tmpfs /run",
        "if [ -e /usr/sbin/policy-rc.d ]; then mount --bind /dev/null /usr/sbin/policy-rc.d; fi",
        "mkdir -p /run/lock /run/systemd/system",
        "for unit in systemd-tmpfiles-setup.service systemd-tmpfiles-setup-dev.service systemd-tmpfiles-clean.timer "
            + "tmp.mount; do ln -s /dev/null /run/systemd/system/$unit; done",
        "printf '[Unit]\\nDescription=only what the test starts\\nDefaultDependencies=no\\n' "
            + "> /run/systemd/system/distri-place-test.target",
        "exec /lib/systemd/systemd --system --unit=distri-place-test.target --log-target=null");

    private final Process unshare;
    private final long pid;
    private final Path dir;

    private SystemdSandbox(Process unshare, long pid, Path dir) {
        this.unshare = unshare;
        this.pid = pid;
        this.dir = dir;
    }

    /** Whether this machine can boot one: root, systemd installed, unshare and nsenter present. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/lib/systemd/systemd"))
            && Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/nsenter"));
    }

    /** Boots systemd and waits (at most 60 s) until it answers {@code systemctl}. */
    static SystemdSandbox boot(Path dir) throws IOException, InterruptedException {
        Process unshare = Installed.start(Installed.ROOT_ENV, dir.resolve("systemd-boot.log"), "unshare", "--pid",
            "--fork", "--mount", "--mount-proc", "--propagation", "private", "sh", "-c", BOOT);
        long[] systemd = {-1};
        Installed.await("systemd to start in its namespace", Duration.ofSeconds(30), () -> {
            systemd[0] = unshare.descendants().filter(p -> p.info().command().orElse("").endsWith("/systemd"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
            return systemd[0] > 0 || !unshare.isAlive();
        });
        if (systemd[0] < 0) {
            throw new IllegalStateException("systemd did not start: " + Files.readString(dir.resolve(
                "systemd-boot.log")));
        }
        SystemdSandbox sandbox = new SystemdSandbox(unshare, systemd[0], dir);
        Installed.await("systemd to answer", Duration.ofSeconds(60), () -> sandbox.quietly("systemctl",
            "is-system-running").matches("(?s)(running|degraded|starting).*"));
        return sandbox;
    }

    /** Runs {@code command} inside the sandbox (its PID and mount namespaces) to its end. */
    Installed.Result run(String... command) throws IOException, InterruptedException {
        List<String> inside = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-p", "--"));
        inside.addAll(List.of(command));
        return Installed.run(Installed.ROOT_ENV, Files.createTempFile(dir, "sandbox-", ".log"),
            inside.toArray(String[]::new));
    }

    /** {@link #run}'s output, or "" if it could not run. */
    String quietly(String... command) {
        try {
            return run(command).output().strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A unit's property, e.g. {@code MainPID} or {@code ActiveState}. */
    String property(String unit, String property) {
        return quietly("systemctl", "show", "--property=" + property, "--value", unit);
    }

    /** Stops every unit it started (so their private /tmp directories go) and then systemd itself. */
    @Override
    public void close() throws InterruptedException {
        quietly("systemctl", "stop", "distri-place-node.service");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        unshare.waitFor(10, TimeUnit.SECONDS);
    }
}
