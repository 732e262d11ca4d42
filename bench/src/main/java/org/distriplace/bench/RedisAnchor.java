package org.distriplace.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference our placement rate is compared with: seed 2's placement pipeline on Redis, measured on this machine
 * in the same run. One atomic Lua call per placement sets the player's cooldown ({@code SET NX EX}), writes the
 * pixel into the canvas string ({@code SETRANGE}) and publishes it ({@code PUBLISH}), driven by
 * {@code redis-benchmark} with many clients. One process, no replication, no fsync, no WebSocket edge: the rate to
 * match while replicating three times with two-phase commit.
 */
final class RedisAnchor {

    /** KEYS: the player's cooldown, the canvas; ARGV: the pixel's offset, its colour byte, the cooldown in seconds. */
    static final String PLACEMENT = "if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then "
        + "redis.call('SETRANGE', KEYS[2], tonumber(ARGV[1]), ARGV[2]) "
        + "redis.call('PUBLISH', 'canvas', ARGV[1] .. ':' .. ARGV[2]) return 1 end return 0";

    /** The tools the anchor needs (Debian's {@code redis-server} package brings all three). */
    static final List<String> TOOLS = List.of("redis-server", "redis-cli", "redis-benchmark");

    private static final long COMMAND_SECONDS = 120;

    /** What {@code redis-benchmark} measured. */
    record Result(double perSecond, double p50Ms, double p99Ms, int clients, long requests, String version) {
    }

    private RedisAnchor() {
    }

    /** The tools missing from the PATH (empty when the anchor can run). */
    static List<String> missing() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            boolean found = false;
            for (String dir : path.split(java.io.File.pathSeparator)) {
                found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool));
            }
            if (!found) {
                missing.add(tool);
            }
        }
        return missing;
    }

    /**
     * Starts a private {@code redis-server} on loopback (no persistence, its files in {@code dir}), loads the
     * placement script and runs {@code requests} placements from {@code clients} connections at random pixels of a
     * 1000×1000 canvas by random players; stops the server however it ends.
     */
    static Result run(int clients, long requests, Path dir) throws IOException, InterruptedException {
        return onPrivateServer(dir, port -> {
            String sha = command("redis-cli", "-p", port, "SCRIPT", "LOAD", PLACEMENT).strip();
            return command("redis-benchmark", "-h", "127.0.0.1", "-p", port,
                "-c", Integer.toString(clients), "-n", Long.toString(requests), "-r", "1000000", "--csv",
                "EVALSHA", sha, "2", "cooldown:__rand_int__", "canvas", "__rand_int__", "5", "300");
        }, clients, requests);
    }

    /** What runs against the private server: its port in, {@code redis-benchmark}'s CSV out. */
    private interface Benchmarking {
        String csv(String port) throws IOException, InterruptedException;
    }

    /** Starts a private {@code redis-server} (no persistence, its files in {@code dir}), runs, stops it. */
    private static Result onPrivateServer(Path dir, Benchmarking benchmark, int clients, long requests)
        throws IOException, InterruptedException {
        int port = freePort();
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", dir.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        try {
            awaitReady(port, server);
            String version = versionOf(command("redis-server", "--version"));
            return parse(benchmark.csv(Integer.toString(port)), clients, requests, version);
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The Redis half of the edge's own pipeline, on a private {@code redis-server} as {@link #run}: the edge's
     * placement script itself (place.lua: the cooldown, the band's clock and sequence, the byte, the outbox entry,
     * the publish) with the keys of one band, from {@code clients} connections. No cooldown, as the benchmark's
     * edges run: their load generator places for a hundred players at thousands a second.
     */
    static Result runEdge(int clients, long requests, Path dir) throws IOException, InterruptedException {
        String script;
        try (var in = org.distriplace.edge.EdgeEngine.class.getResourceAsStream("place.lua")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return onPrivateServer(dir, port -> {
            String sha = command("redis-cli", "-p", port, "SCRIPT", "LOAD", script).strip();
            // The band exists (a placement on a band Redis lost is refused): one of a 1000x1000 canvas's 16.
            command("redis-cli", "-p", port, "SETRANGE", "{place:b0}:canvas", "62499", "x");
            return command("redis-benchmark", "-h", "127.0.0.1", "-p", port,
                "-c", Integer.toString(clients), "-n", Long.toString(requests), "-r", "62500", "--csv",
                "EVALSHA", sha, "5", "place:cooldown:__rand_int__", "{place:b0}:canvas", "{place:b0}:clock",
                "{place:b0}:outbox", "{place:b0}:outbox-times", "0", "__rand_int__", "5",
                "0|1|2|5|1|player", "place:pixels");
        }, clients, requests);
    }

    /**
     * Reads {@code redis-benchmark --csv}'s answer: a header line naming the columns, then one line per test.
     *
     * @throws IllegalArgumentException naming what is missing, for output that is not that
     */
    static Result parse(String csv, int clients, long requests, String version) {
        List<String> lines = csv.lines().map(String::strip).filter(line -> line.startsWith("\"")).toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException("redis-benchmark gave no result: " + csv.strip());
        }
        List<String> header = cells(lines.get(0));
        List<String> row = cells(lines.get(1));
        return new Result(number(header, row, "rps"), number(header, row, "p50_latency_ms"),
            number(header, row, "p99_latency_ms"), clients, requests, version);
    }

    /** "Redis 7.0.15" from {@code redis-server --version}'s line. */
    static String versionOf(String text) {
        Matcher version = Pattern.compile("v=(\\S+)").matcher(text);
        return version.find() ? "Redis " + version.group(1) : text.strip();
    }

    private static double number(List<String> header, List<String> row, String column) {
        int at = header.indexOf(column);
        if (at < 0 || at >= row.size()) {
            throw new IllegalArgumentException("redis-benchmark's output has no " + column + " column: " + header);
        }
        return Double.parseDouble(row.get(at));
    }

    /** The cells of one CSV line whose cells are all quoted (the command, in the first, may contain commas). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        int at = 0;
        while (at < line.length()) {
            int open = line.indexOf('"', at);
            int close = line.indexOf('"', open + 1);
            if (open < 0 || close < 0) {
                break;
            }
            cells.add(line.substring(open + 1, close));
            at = close + 1;
        }
        return cells;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(int port, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("redis-server stopped at once (exit " + server.exitValue() + ")");
            }
            try {
                if (command("redis-cli", "-p", Integer.toString(port), "PING").strip().equals("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("redis-server on port " + port + " did not answer within 20 s");
    }

    /** Runs a command to its end (bounded in time) and gives what it printed; a failure names its output. */
    private static String command(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("redis-anchor", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException(command[0] + " did not finish within " + COMMAND_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || text.startsWith("ERR") || text.contains("Error")) {
                throw new IOException(String.format(Locale.ROOT, "%s failed (exit %d): %s", command[0],
                    process.exitValue(), text.strip()));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The anchor if the tools are installed, or empty with why not. */
    static Optional<String> unavailable() {
        List<String> missing = missing();
        return missing.isEmpty() ? Optional.empty() : Optional.of("not measured: " + String.join(", ", missing)
            + " not found on the PATH (Debian: apt-get install redis-server)");
    }
}
