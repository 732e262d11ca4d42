package org.distriplace.app.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.distriplace.app.testing.AppProcess;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.edge.stack.Stack;

/**
 * Seed 2's stack for the app's tests (its own directory under target/), and edges and history services started
 * from the command line as a user starts them: {@code distri-place edge --config DIR/edge.conf}.
 */
public final class EdgeStack {

    private static final TestHttp HTTP = new TestHttp();

    final Stack stack;
    final Path conf;
    final Path logs;
    final Map<String, String> values = new HashMap<>();

    public EdgeStack(String name) throws IOException, InterruptedException {
        this.stack = Stack.in(Path.of("target", "stack-" + name));
        this.conf = stack.up(line -> System.out.println("[stack] " + line));
        this.logs = Files.createDirectories(Path.of("target", "stack-" + name + "-logs"));
        for (String line : Files.readAllLines(conf)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
    }

    /** {@code distri-place edge} on {@code port} for the canvas {@code namespace} (not started). */
    public AppProcess edge(String namespace, int port, String canvas) {
        return new AppProcess("edge", port, logs.resolve(namespace + "-edge-" + port))
            .set("--config", conf.toString()).set("--bind", "127.0.0.1").set("--http-port", Integer.toString(port))
            .set("--namespace", namespace).set("--canvas", canvas).set("--cooldown", "0")
            .set("--placements-per-second", "5000");
    }

    /** {@code distri-place history-service} for the canvas {@code namespace} (not started). */
    public AppProcess historyService(String namespace, String canvas) {
        return new AppProcess("history-service", 0, logs.resolve(namespace + "-history"))
            .set("--config", conf.toString()).set("--namespace", namespace).set("--canvas", canvas);
    }

    /** Whether {@code edge} says it is ready. */
    public static boolean ready(AppProcess edge) {
        var body = HTTP.jsonOrNull(edge.url("/readyz"));
        return body != null && body.path("ready").asBoolean();
    }

    public void down() throws IOException, InterruptedException {
        stack.down(line -> System.out.println("[stack] " + line));
    }
}
