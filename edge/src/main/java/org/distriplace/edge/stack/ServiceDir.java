package org.distriplace.edge.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stack service's directory: its data, its log, its process id and the port it was given (kept, so a service
 * started again answers where the edges already look for it).
 */
record ServiceDir(Path path) {

    static ServiceDir of(Path stack, String name) throws IOException {
        return new ServiceDir(Files.createDirectories(stack.resolve(name)));
    }

    Path log() {
        return path.resolve(path.getFileName() + ".log");
    }

    Path pidFile() {
        return path.resolve(path.getFileName() + ".pid");
    }

    /** The port recorded, or a free one recorded now. */
    int port(String which) throws IOException {
        Optional<Integer> recorded = recordedPort(which);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        int port = LocalProcess.freePort();
        Files.writeString(path.resolve(which + ".port"), port + "\n");
        return port;
    }

    /** The port recorded, if any. */
    Optional<Integer> recordedPort(String which) throws IOException {
        Path file = path.resolve(which + ".port");
        return Files.exists(file) ? Optional.of(Integer.parseInt(Files.readString(file).strip())) : Optional.empty();
    }

    void recordPid(long pid) throws IOException {
        Files.writeString(pidFile(), pid + "\n");
    }

    /** Sends the recorded process {@code signal} and waits up to {@code grace} (then kills it); none: nothing. */
    void stop(String signal, java.time.Duration grace) throws IOException, InterruptedException {
        var process = LocalProcess.alive(pidFile());
        if (process.isPresent()) {
            LocalProcess.stop(process.get(), signal, grace);
        }
    }

    /** Whether the recorded process lives and answers on the recorded port {@code which}. */
    boolean answering(String which, java.util.function.IntPredicate answers) {
        try {
            return LocalProcess.alive(pidFile()).isPresent() && recordedPort(which).map(answers::test).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }
}
