package org.distriplace.edge.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Debian's redis-server, as seed 2 runs it: nothing kept on disk (no snapshots, no append-only file), so a restart
 * starts empty and the edges rebuild the canvas from the log. Runs as the {@code redis} user when started by root.
 */
final class RedisServer implements StackService {

    private final ServiceDir dir;

    RedisServer(ServiceDir dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean running() {
        return dir.answering("redis", RedisServer::answers);
    }

    @Override
    public void start() throws IOException, InterruptedException {
        String program = Binaries.onPath("redis-server", "redis-server").toString();
        int port = dir.port("redis");
        LocalProcess.ownedBy("redis", dir.path());
        Process process = LocalProcess.spawn(LocalProcess.asUser("redis", List.of(program, "--bind", "127.0.0.1",
            "--port", Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.path().toString(),
            "--daemonize", "no", "--protected-mode", "yes")), dir.path(), dir.log());
        dir.recordPid(process.pid());
        if (!LocalProcess.waitUntil(() -> !process.isAlive() || answers(port), Duration.ofSeconds(20))
            || !process.isAlive()) {
            throw new IOException("redis-server did not start on port " + port + "; see " + dir.log());
        }
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        // SIGTERM: Redis saves nothing (no save points), so it comes back empty, as seed 2 expects.
        dir.stop("TERM", Duration.ofSeconds(10));
    }

    @Override
    public void kill() throws IOException, InterruptedException {
        dir.stop("KILL", Duration.ofSeconds(5));
    }

    @Override
    public String address() throws IOException {
        return "redis://127.0.0.1:" + dir.port("redis");
    }

    /** Whether Redis answers PING on {@code port} (the inline protocol: no client library needed). */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
