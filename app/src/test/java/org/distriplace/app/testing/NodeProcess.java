package org.distriplace.app.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** One {@code distri-place node} in its own JVM on loopback, for tests that kill -9 and restart nodes. */
public final class NodeProcess extends AppProcess {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final int id;
    public final int peerPort;

    public NodeProcess(int id, int httpPort, int peerPort, String peers, Path dataDir, String secret, Path logDir) {
        this(id, httpPort, peerPort, peers, dataDir, secret, logDir, 0);
    }

    /** A node on a 100x100 canvas with fast timings (heartbeat 200 ms, failure timeout 1.5 s). */
    public NodeProcess(int id, int httpPort, int peerPort, String peers, Path dataDir, String secret, Path logDir,
                       int cooldownSeconds) {
        super("node", httpPort, logDir.resolve("node-" + id));
        this.id = id;
        this.peerPort = peerPort;
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

    @Override
    public NodeProcess set(String option, String value) {
        super.set(option, value);
        return this;
    }

    @Override
    public NodeProcess unset(String option) {
        super.unset(option);
        return this;
    }

    @Override
    public NodeProcess start() throws IOException {
        super.start();
        return this;
    }

    @Override
    public String toString() {
        return "node " + id;
    }
}
