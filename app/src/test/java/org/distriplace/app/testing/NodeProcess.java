package org.distriplace.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.testing.TestHttp;

/** One {@code distri-place node} in its own JVM on loopback, for tests that kill -9 and restart nodes. */
public final class NodeProcess {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final TestHttp HTTP = new TestHttp();

    public final int id;
    public final int httpPort;
    public final int peerPort;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Path log;
    private Process process;
    private int starts;

    public NodeProcess(int id, int httpPort, int peerPort, String peers, Path dataDir, String secret, Path logDir) {
        this(id, httpPort, peerPort, peers, dataDir, secret, logDir, 0);
    }

    /** A node on a 100x100 canvas with fast timings (heartbeat 200 ms, failure timeout 1.5 s). */
    public NodeProcess(int id, int httpPort, int peerPort, String peers, Path dataDir, String secret, Path logDir,
                       int cooldownSeconds) {
        this.id = id;
        this.httpPort = httpPort;
        this.peerPort = peerPort;
        this.log = logDir.resolve("node-" + id);
        set("--id", Integer.toString(id));
        set("--bind", "127.0.0.1");
        set("--http-port", Integer.toString(httpPort));
        set("--peer-port", Integer.toString(peerPort));
        set("--peers", peers);
        set("--data-dir", dataDir.toString());
        set("--cluster-secret", secret);
        set("--canvas", "100x100");
        set("--cooldown", Integer.toString(cooldownSeconds));
        set("--heartbeat-ms", "200");
        set("--failure-timeout-ms", "1500");
        set("--batch-ms", "20");
        set("--gossip-ms", "500");
    }

    /** Sets an option for the next start ({@code value} null: a flag such as {@code --rejoin}). */
    public NodeProcess set(String option, String value) {
        options.put(option, value);
        return this;
    }

    /** Drops an option (or flag) before the next start. */
    public NodeProcess unset(String option) {
        options.remove(option);
        return this;
    }

    public NodeProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.distriplace.app.Main"));
        command.add("node");
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

    /** This start's output so far (the node logs to it). */
    public String output() throws IOException {
        return Files.readString(log.resolveSibling(log.getFileName() + "-" + starts + ".log"));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code GET /api/v1/cluster}, or null if the node does not answer. */
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
        return "node " + id;
    }
}
