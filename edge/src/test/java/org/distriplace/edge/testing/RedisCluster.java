package org.distriplace.edge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters from Debian's redis-server, on loopback, for tests: each node in a directory of
 * its own, then {@code redis-cli --cluster create}, and ready once the cluster says {@code cluster_state:ok}.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) && Files.isExecutable(Path.of("/usr/bin/redis-cli"));
    }

    public static RedisCluster start(Path dir, int masters) throws IOException, InterruptedException {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < masters; i++) {
                int port = freePortWithBus(cluster.ports);
                Path home = Files.createDirectories(dir.resolve("node-" + port));
                cluster.ports.add(port);
                cluster.nodes.add(new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file",
                    home.resolve("nodes.conf").toAbsolutePath().toString(), "--save", "", "--appendonly", "no",
                    "--dir", home.toAbsolutePath().toString()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("redis.log").toFile()).start());
            }
            for (int port : cluster.ports) {
                await(() -> cli(port, "PING").contains("PONG"), "node " + port);
            }
            List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
            cluster.ports.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (int port : cluster.ports) {
                await(() -> cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"), "the cluster from " + port);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Its nodes, as the edge's --redis names them. */
    public List<URI> uris() {
        return ports.stream().map(port -> URI.create("redis://127.0.0.1:" + port)).toList();
    }

    /** How many keys node {@code i} holds. */
    public int keys(int i) {
        return Integer.parseInt(cli(ports.get(i), "DBSIZE").strip());
    }

    public int size() {
        return ports.size();
    }

    private static int freePortWithBus(List<Integer> taken) throws IOException {
        // The cluster bus listens on port + 10000: both must be free.
        for (int attempt = 0; attempt < 200; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                port = socket.getLocalPort();
            }
            if (port + 10_000 < 65_536 && !taken.contains(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port with a free cluster bus port");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String cli(int port, String... command) {
        List<String> args = new ArrayList<>(List.of("/usr/bin/redis-cli", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        try {
            return run(args);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what)
        throws InterruptedException, IOException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(what + " did not come up within 20 s");
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            if (!node.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }
}
