package org.distriplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.net.LoopbackPorts;

/**
 * Nodes as separate processes on loopback (cooldown 0, default timings unless the layout adds options), started
 * with this JVM's class path or another build's, with the process statistics the benchmark reports.
 */
final class BenchCluster implements AutoCloseable {

    /** The canvas side of the standard layout. */
    static final int SIZE = 1000;
    /** Every bench node's cluster secret (the load generator signs its guests' sessions with it). */
    static final String SECRET = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The collector the nodes run with unless the benchmark is told another. */
    static final String DEFAULT_GC = "-XX:+UseParallelGC";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Builds (by class path) and their {@code node} command's usage text: which options each takes. */
    private static final Map<String, String> USAGES = new ConcurrentHashMap<>();

    /**
     * What to start.
     *
     * @param nodeOptions extra {@code distri-place node} options for every node
     * @param classPath   the build whose nodes run (a jar or class path)
     */
    record Layout(int nodes, int width, int height, List<String> nodeOptions, String classPath) {
        Layout {
            nodeOptions = List.copyOf(nodeOptions);
        }

        /** Three nodes of this build on a 1000x1000 canvas: the placement benchmark's cluster. */
        static Layout standard() {
            return new Layout(3, SIZE, SIZE, List.of(), System.getProperty("java.class.path"));
        }
    }

    private final Path dir;
    private final Layout layout;
    private final int[] httpPorts;
    private final int[] peerPorts;
    private final Process[] processes;
    private final List<String> jvmOptions;
    /** Stops the nodes if the benchmark itself is stopped (Ctrl-C, SIGTERM) before it closes the cluster. */
    private final Thread orphans;

    BenchCluster(Path dir, List<String> jvmOptions) throws IOException {
        this(dir, jvmOptions, Layout.standard());
    }

    BenchCluster(Path dir, List<String> jvmOptions, Layout layout) throws IOException {
        this.dir = dir;
        this.layout = layout;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.httpPorts = new int[layout.nodes()];
        this.peerPorts = new int[layout.nodes()];
        this.processes = new Process[layout.nodes()];
        for (int i = 0; i < layout.nodes(); i++) {
            httpPorts[i] = LoopbackPorts.next();
            peerPorts[i] = LoopbackPorts.next();
        }
        this.orphans = new Thread(() -> {
            for (Process process : processes) {
                if (process != null) {
                    process.destroy();
                }
            }
        }, "bench-cluster-stop");
        Runtime.getRuntime().addShutdownHook(orphans);
    }

    int size() {
        return layout.nodes();
    }

    void startAll() throws IOException, InterruptedException {
        for (int id = 1; id <= size(); id++) {
            start(id);
        }
        awaitLeader(Duration.ofSeconds(60));
    }

    void start(int id) throws IOException {
        List<String> peers = new ArrayList<>();
        for (int other = 1; other <= size(); other++) {
            if (other != id) {
                peers.add(other + "@127.0.0.1:" + peerPorts[other - 1]);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx1g"));
        // The nodes' collector unless an extra option names another (the JVM refuses two).
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.add(DEFAULT_GC);
        }
        jvmOptions.forEach(option -> command.add(option.replace("{id}", Integer.toString(id))));
        command.addAll(List.of("-cp", layout.classPath(), "org.distriplace.app.Main", "node", "--id",
            Integer.toString(id), "--bind", "127.0.0.1", "--http-port", Integer.toString(httpPorts[id - 1]),
            "--peer-port", Integer.toString(peerPorts[id - 1]), "--data-dir", dir.resolve("node-" + id).toString(),
            "--cluster-secret", SECRET, "--cooldown", "0",
            "--canvas", layout.width() + "x" + layout.height()));
        if (limitsConnections(layout.classPath())) {
            // Thousands of observers from this one address: the limit meant for strangers would refuse them.
            // (Older builds measured beside this one may have no such limit, nor the option.)
            // Its observers only listen, and never ping as browsers do: they must not be cut off as idle.
            command.addAll(List.of("--max-connections-per-address", "100000", "--idle-timeout", "86400"));
        }
        if (limitsPlacements(layout.classPath())) {
            // The load generator places for thousands of players from this one address.
            command.addAll(List.of("--placements-per-second", "10000000"));
        }
        if (!peers.isEmpty()) {
            command.addAll(List.of("--peers", String.join(",", peers)));
        }
        command.addAll(layout.nodeOptions());
        Files.createDirectories(dir);
        processes[id - 1] = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("node-" + id + ".out").toFile()).start();
    }

    /** Whether the build on {@code classPath} limits connections per address (and so takes the options). */
    private static boolean limitsConnections(String classPath) {
        return usage(classPath).contains("--max-connections-per-address") && usage(classPath).contains(
            "--idle-timeout");
    }

    /** Whether the build on {@code classPath} limits placements per address (and so takes the option). */
    private static boolean limitsPlacements(String classPath) {
        return usage(classPath).contains("--placements-per-second");
    }

    /** The {@code node} command's usage text of the build on {@code classPath} (empty if it cannot say). */
    private static String usage(String classPath) {
        return USAGES.computeIfAbsent(classPath, path -> {
            try {
                Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", path, "org.distriplace.app.Main", "node", "--help").redirectErrorStream(true).start();
                String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                help.waitFor(30, TimeUnit.SECONDS);
                return usage;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        });
    }

    /** The process id of node {@code id}. */
    long pid(int id) {
        return processes[id - 1].pid();
    }

    /** The leader all live nodes agree on, waiting for one up to {@code timeout}. */
    int awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int leader = agreedLeader();
            if (leader != 0) {
                return leader;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no leader within " + timeout.toSeconds() + " s; see " + dir);
    }

    private int agreedLeader() {
        int agreed = 0;
        for (int id = 1; id <= size(); id++) {
            if (!isAlive(id)) {
                continue;
            }
            JsonNode view = cluster(id);
            if (view == null || !view.path("ready").asBoolean()) {
                return 0;
            }
            int leader = view.path("leaderId").asInt();
            if (leader == 0 || (agreed != 0 && leader != agreed) || !isAlive(leader)) {
                return 0;
            }
            agreed = leader;
        }
        return agreed != 0 && cluster(agreed).path("role").asText().equals("LEADER") ? agreed : 0;
    }

    JsonNode cluster(int id) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(http(id) + "/api/v1/cluster"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    byte[] canvas(int id) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http(id) + "/api/v1/canvas")).build(),
            HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Node {@code id}'s metrics, in Prometheus' text format. */
    String metrics(int id) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http(id) + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    String http(int id) {
        return "http://127.0.0.1:" + httpPorts[id - 1];
    }

    URI webSocket(int id) {
        return URI.create("ws://127.0.0.1:" + httpPorts[id - 1] + "/ws");
    }

    boolean isAlive(int id) {
        return processes[id - 1] != null && processes[id - 1].isAlive();
    }

    /** Sends node {@code id} SIGTERM and returns at once (it may take a while to leave and exit). */
    void terminate(int id) {
        processes[id - 1].destroy();
    }

    void kill9(int id) throws InterruptedException {
        processes[id - 1].destroyForcibly();
        processes[id - 1].waitFor(10, TimeUnit.SECONDS);
    }

    /** CPU time used so far by node {@code id}'s process, in seconds (from /proc). */
    double cpuSeconds(int id) {
        return ProcessStats.cpuSeconds(processes[id - 1].pid(), false);
    }

    /**
     * Bytes node {@code id}'s process has caused to be written to storage so far (from /proc/PID/io's
     * {@code write_bytes}; the page cache's later write-back counts too); NaN where the kernel does not say.
     */
    double diskWriteBytes(int id) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(processes[id - 1].pid()), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Resident memory of node {@code id}'s process, in MiB (from /proc). */
    double rssMiB(int id) {
        return ProcessStats.rssMiB(processes[id - 1].pid());
    }

    /** Stops the nodes with SIGTERM (so they close their stores and any profiler writes its file), then kills. */
    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(orphans);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the nodes too.
        }
        for (int id = 1; id <= size(); id++) {
            if (isAlive(id)) {
                processes[id - 1].destroy();
            }
        }
        for (int id = 1; id <= size(); id++) {
            if (processes[id - 1] != null && !processes[id - 1].waitFor(15, TimeUnit.SECONDS)) {
                kill9(id);
            }
        }
    }
}
