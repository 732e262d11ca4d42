package org.distriplace.installers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.distriplace.core.net.LoopbackPorts;

/** Running installed programs from tests: processes with a chosen environment, HTTP, waiting with a deadline. */
final class Installed {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The version the installers profile built (failsafe passes it on), and the two packages it built. */
    static final String VERSION = System.getProperty("installer.version", "0.2.0");
    static final Path NODE_DEB = Path.of("target", "distri-place-node_" + VERSION + "_amd64.deb");
    static final Path DESKTOP_DEB = Path.of("target", "distri-place_" + VERSION + "_amd64.deb");

    /** What a root shell has, for apt-get, dpkg and systemd's tools. */
    static final Map<String, String> ROOT_ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
        "DEBIAN_FRONTEND", "noninteractive");

    private Installed() {
    }

    /** Runs {@code command} to its end (at most two minutes); returns its exit code and output. */
    static Result run(Map<String, String> env, Path log, String... command) throws IOException,
        InterruptedException {
        Process process = start(env, log, command);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts {@code command} with exactly {@code env}, its output (both streams) going to {@code log}. */
    static Process start(Map<String, String> env, Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    record Result(int exitCode, String output) {
    }

    /** A loopback port the installed node can bind later (see {@link LoopbackPorts}). */
    /** Skips the calling test unless the build was asked to install packages on this machine (as root). */
    static void assumeInstallsAllowed() {
        assumeTrue("1".equals(System.getenv("DISTRI_PLACE_INSTALL_TEST")),
            "installs packages: set DISTRI_PLACE_INSTALL_TEST=1 (as root) to run it");
    }

    static int freePort() {
        return LoopbackPorts.next();
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] getBytes(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the node on {@code port} answers ready. */
    static boolean ready(int port) {
        try {
            return get(port, "/readyz").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for {@code condition}, polling, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
