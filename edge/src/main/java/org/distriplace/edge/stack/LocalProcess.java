package org.distriplace.edge.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Starting and stopping the stack's daemons on this machine: each runs detached, its output in a log file and its
 * process id in a file, so a later {@code stack down} (another process) finds it. Servers that refuse to run as
 * root (PostgreSQL) or should not (Redis) run as their package's system user when this runs as root.
 */
final class LocalProcess {

    private LocalProcess() {
    }

    /** Whether this process runs as root (the package users are then switched to). */
    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code command}, run as {@code user} when this process is root (setpriv execs: the pid stays the server's). */
    static List<String> asUser(String user, List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user,
            "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Starts {@code command} detached from this process, its output appended to {@code log}. */
    static Process spawn(List<String> command, Path workDir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return builder.start();
    }

    /** Runs {@code command} to its end (at most {@code timeout}); fails with its output if it fails. */
    static void run(List<String> command, Path workDir, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                + new String(output, StandardCharsets.UTF_8).strip());
        }
    }

    /** A loopback port free now (the server binds it a moment later: nothing else on this machine races for it). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Whether something accepts connections on the loopback {@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The process id written in {@code file} (its first line), if the file exists and that process lives. */
    static Optional<ProcessHandle> alive(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks {@code process} to stop with {@code signal} (its clean shutdown), then kills it if it has not stopped
     * within {@code grace}.
     */
    static void stop(ProcessHandle process, String signal, Duration grace) throws IOException, InterruptedException {
        run(List.of("kill", "-" + signal, Long.toString(process.pid())), Path.of("/"), Duration.ofSeconds(5));
        if (!waitUntil(() -> !process.isAlive(), grace)) {
            process.destroyForcibly();
            waitUntil(() -> !process.isAlive(), Duration.ofSeconds(5));
        }
    }

    /** Polls {@code condition} until it holds or {@code deadline} passes; whether it held. */
    static boolean waitUntil(BooleanSupplier condition, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** Makes {@code dir} (and what it holds) owned by {@code user} when root, so that user's server can write it. */
    static void ownedBy(String user, Path dir) throws IOException, InterruptedException {
        if (isRoot()) {
            run(List.of("chown", "-R", user + ":" + user, dir.toString()), dir, Duration.ofSeconds(30));
        }
    }
}
