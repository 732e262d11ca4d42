package org.distriplace.edge.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Seed 2's backing services on one machine, for trying the edge and for tests: Redis and PostgreSQL from the
 * system's packages and a single Kafka broker, each on a loopback port with its data under one directory, and
 * {@code edge.conf} there naming them (the keys {@code redis}, {@code kafka}, {@code postgres} and
 * {@code postgres-user}, as the edge's options are named) with a session key made for the stack
 * ({@code cluster-secret}: the file is its owner's alone). In production the same keys name the operator's own.
 */
public final class Stack {

    /** The configuration file {@link #up} writes, which {@code edge} and {@code history-service} read. */
    public static final String CONF = "edge.conf";

    private final Path dir;
    private final Map<String, StackService> services;

    private Stack(Path dir, Map<String, StackService> services) {
        this.dir = dir;
        this.services = services;
    }

    /** The stack kept in {@code dir} (created if missing); nothing is started. */
    public static Stack in(Path dir) throws IOException {
        Path root = Files.createDirectories(dir).toAbsolutePath();
        // The package users (redis, postgres) must reach their directories inside it.
        if (LocalProcess.isRoot()) {
            root.toFile().setExecutable(true, false);
            for (Path parent = root.getParent(); parent != null; parent = parent.getParent()) {
                if (!Files.getPosixFilePermissions(parent).contains(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IOException("Redis and PostgreSQL run as their own users, who cannot reach " + root
                        + ": " + parent + " is closed to others; choose a directory they can reach (under /tmp or "
                        + "/var/tmp, say), or open it with chmod o+x " + parent);
                }
            }
        }
        return new Stack(root, Map.of(
            "redis", new RedisServer(ServiceDir.of(root, "redis")),
            "postgres", new PostgresServer(ServiceDir.of(root, "postgres")),
            "kafka", new KafkaBroker(ServiceDir.of(root, "kafka"))));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Starts every service not running yet, waits until each answers, and writes {@code edge.conf}; says what it
     * does to {@code progress}. Fails naming a missing system package with the command that installs it.
     */
    public Path up(Consumer<String> progress) throws IOException, InterruptedException {
        for (String name : List.of("redis", "postgres", "kafka")) {
            StackService service = services.get(name);
            if (service.running()) {
                progress.accept(name + ": already running at " + service.address());
            } else {
                progress.accept(name + ": starting...");
                service.start();
                progress.accept(name + ": running at " + service.address());
            }
        }
        return writeConf();
    }

    /** Stops every service (Kafka first: nothing then writes to the others), keeping the data. */
    public void down(Consumer<String> progress) throws IOException, InterruptedException {
        for (String name : List.of("kafka", "postgres", "redis")) {
            StackService service = services.get(name);
            boolean was = service.running();
            service.stop();
            progress.accept(name + (was ? ": stopped" : ": was not running"));
        }
    }

    /** Stops one service cleanly (fault tests and operators' drills). */
    public void stop(String name) throws IOException, InterruptedException {
        service(name).stop();
    }

    /** Kills one service at once, as a crash would. */
    public void kill(String name) throws IOException, InterruptedException {
        service(name).kill();
    }

    /** Starts one service again, on its port. */
    public void start(String name) throws IOException, InterruptedException {
        StackService service = service(name);
        if (!service.running()) {
            service.start();
        }
    }

    public boolean running(String name) {
        return service(name).running();
    }

    /** The process id of service {@code name} while it runs (the benchmark reads its CPU time). */
    public java.util.OptionalLong pid(String name) {
        return LocalProcess.alive(new ServiceDir(dir.resolve(service(name).name())).pidFile())
            .map(process -> java.util.OptionalLong.of(process.pid())).orElse(java.util.OptionalLong.empty());
    }

    private StackService service(String name) {
        StackService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in the stack (redis, postgres, kafka)");
        }
        return service;
    }

    /** The stack's session key: made once (random), kept in the directory, readable by its owner alone. */
    private String secret() throws IOException {
        Path file = dir.resolve("cluster-secret");
        if (!Files.exists(file)) {
            byte[] bytes = new byte[24];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.writeString(file, java.util.HexFormat.of().formatHex(bytes) + "\n");
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        return Files.readString(file).strip();
    }

    private Path writeConf() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by `distri-place stack up --dir " + dir + "`: where the edges and the history service");
        lines.add("# find seed 2's services. Point these keys at your own Redis, Kafka and PostgreSQL in production.");
        lines.add("redis = " + services.get("redis").address());
        lines.add("kafka = " + services.get("kafka").address());
        lines.add("postgres = " + services.get("postgres").address());
        lines.add("postgres-user = " + PostgresServer.USER);
        lines.add("# The key every edge signs players' sessions with, made for this stack: keep it secret.");
        lines.add("cluster-secret = " + secret());
        Path conf = dir.resolve(CONF);
        Files.write(conf, lines);
        conf.toFile().setReadable(false, false);
        conf.toFile().setReadable(true, true);
        return conf;
    }
}
