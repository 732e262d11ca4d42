package org.distriplace.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.testing.TestHttp;

/**
 * One {@code distri-place} command serving HTTP (a node, an edge) in its own JVM on loopback, for tests that kill -9
 * and restart it.
 */
public class AppProcess {

    private static final TestHttp HTTP = new TestHttp();

    public final int httpPort;
    private final String command;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Path log;
    private Process process;
    private int starts;

    /** {@code distri-place COMMAND} on {@code httpPort}, its output in {@code log}-N.log (N: the start). */
    public AppProcess(String command, int httpPort, Path log) {
        this.command = command;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Sets an option for the next start ({@code value} null: a flag such as {@code --rejoin}). */
    public AppProcess set(String option, String value) {
        options.put(option, value);
        return this;
    }

    /** Drops an option (or flag) before the next start. */
    public AppProcess unset(String option) {
        options.remove(option);
        return this;
    }

    public AppProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.distriplace.app.Main"));
        command.add(this.command);
        options.forEach((option, value) -> {
            command.add(option);
            if (value != null) {
                command.add(value);
            }
        });
        starts++;
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.resolveSibling(log.getFileName() + "-" + starts + ".log").toFile()).start();
        return this;
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, and waits for the clean exit; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(15, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** This start's output so far (it logs to it). */
    public String output() throws IOException {
        return Files.readString(log.resolveSibling(log.getFileName() + "-" + starts + ".log"));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code GET /api/v1/cluster}, or null if it does not answer. */
    public JsonNode cluster() {
        return HTTP.jsonOrNull(url("/api/v1/cluster"));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.get(url(path));
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.post(url(path), body);
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return HTTP.getBytes(url(path));
    }

    public HttpResponse<String> place(int x, int y, String color) throws IOException, InterruptedException {
        return HTTP.post(url("/pixel"), "{\"x\":" + x + ",\"y\":" + y + ",\"color\":\"" + color + "\"}");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    public String toString() {
        return command + " on port " + httpPort;
    }
}
