package org.distriplace.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.net.LoopbackPorts;
import org.distriplace.edge.stack.Stack;

/**
 * Seed 2's deployment on this machine for the benchmark: the stack (Redis, PostgreSQL, Kafka), a history service and
 * edges, each a process of its own on loopback, started as an operator starts them
 * ({@code distri-place edge --config DIR/edge.conf}).
 */
final class EdgeCluster implements AutoCloseable {

    /** The components whose CPU the benchmark reports, in its order. */
    static final List<String> COMPONENTS = List.of("redis", "kafka", "postgres", "history", "edges");

    private final Stack stack;
    private final Path conf;
    private final Path dir;
    private final List<Process> edges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private volatile Process history;
    private boolean stopped;
    /** A benchmark stopped by Ctrl-C or SIGTERM stops what it started too. */
    private final Thread orphans = new Thread(this::stopQuietly, "edge-cluster-stop");

    EdgeCluster(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.stack = Stack.in(dir.resolve("stack"));
        Runtime.getRuntime().addShutdownHook(orphans);
        this.conf = stack.up(line -> { });
    }

    /** Starts the history service and {@code count} edges on a canvas of {@code side}², and waits until ready. */
    void start(int count, int side, List<String> jvmOptions) throws IOException, InterruptedException {
        String namespace = "bench-" + ProcessHandle.current().pid();
        history = launch("history", jvmOptions, List.of("history-service", "--config", conf.toString(),
            "--namespace", namespace, "--canvas", side + "x" + side));
        for (int i = 0; i < count; i++) {
            int port = LoopbackPorts.next();
            ports.add(port);
            edges.add(launch("edge-" + (i + 1), jvmOptions, List.of("edge", "--config", conf.toString(),
                "--namespace", namespace, "--canvas", side + "x" + side, "--cooldown", "0", "--bind", "127.0.0.1",
                "--http-port", Integer.toString(port), "--cluster-secret", BenchCluster.SECRET,
                // The load generator's thousands of clients come from this one address, and observers never ping.
                "--max-connections-per-address", "1000000", "--idle-timeout", "86400",
                "--placements-per-second", "10000000")));
        }
        for (int port : ports) {
            ConnectionCost.await(() -> ready(port), 120, "edge on port " + port + " ready");
        }
    }

    private Process launch(String name, List<String> jvmOptions, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx1g", BenchCluster.DEFAULT_GC));
        // {id} in an option becomes the process's name (edge-1, history), as for nodes: a profile file each.
        jvmOptions.forEach(option -> command.add(option.replace("{id}", name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.distriplace.app.Main"));
        command.addAll(arguments);
        Files.createDirectories(dir);
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private static boolean ready(int port) {
        try {
            return NodeMemory.get("http://127.0.0.1:" + port + "/readyz").contains("\"ready\":true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<URI> webSockets() {
        return ports.stream().map(port -> URI.create("ws://127.0.0.1:" + port + "/ws")).toList();
    }

    String http(int edge) {
        return "http://127.0.0.1:" + ports.get(edge);
    }

    List<Integer> ports() {
        return List.copyOf(ports);
    }

    long edgePid(int edge) {
        return edges.get(edge).pid();
    }

    /** CPU seconds each component has used so far (a service with its child processes: PostgreSQL's backends). */
    Map<String, Double> cpuSeconds() {
        double edgeSeconds = edges.stream().mapToDouble(edge -> ProcessStats.cpuSeconds(edge.pid(), false)).sum();
        return Map.of("redis", service("redis"), "kafka", service("kafka"), "postgres", service("postgres"),
            "history", ProcessStats.cpuSeconds(history.pid(), false), "edges", edgeSeconds);
    }

    private double service(String name) {
        OptionalLong pid = stack.pid(name);
        return pid.isPresent() ? ProcessStats.cpuSeconds(pid.getAsLong(), true) : Double.NaN;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(orphans);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it finds everything stopped.
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("edge cluster: could not stop everything: " + e);
        }
    }

    /** Stops everything once, whoever asks first (close, or the hook on Ctrl-C); a second caller waits for it. */
    private synchronized void stop() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        List<Process> all = new ArrayList<>(edges);
        if (history != null) {
            all.add(history);
        }
        all.forEach(Process::destroy);
        for (Process process : all) {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        stack.down(line -> { });
    }
}
