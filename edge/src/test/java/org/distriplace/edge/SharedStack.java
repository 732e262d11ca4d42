package org.distriplace.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.distriplace.edge.stack.Stack;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack (Redis, PostgreSQL, Kafka) for every test of a test JVM: started by the first test that asks, stopped
 * when the JVM's tests end. Tests share it through namespaces of their own ({@link #namespace}), so they never see
 * each other's keys, topics or tables. Its directory is under {@code target/}, one per surefire execution.
 */
public final class SharedStack implements AutoCloseable {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final Stack stack;
    private final Map<String, String> conf;

    private SharedStack(Stack stack, Map<String, String> conf) {
        this.stack = stack;
        this.conf = conf;
    }

    /** The stack of this test JVM, started on first use. */
    public static SharedStack of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(SharedStack.class, key -> start(), SharedStack.class);
    }

    private static SharedStack start() {
        try {
            Path dir = Path.of("target", "stack-" + System.getProperty("distriplace.stack", "test"));
            Stack stack = Stack.in(dir);
            Path conf = stack.up(line -> System.out.println("[stack] " + line));
            Map<String, String> values = new java.util.HashMap<>();
            for (String line : Files.readAllLines(conf)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
            return new SharedStack(stack, Map.copyOf(values));
        } catch (Exception e) {
            throw new IllegalStateException("the test stack did not start: " + e.getMessage(), e);
        }
    }

    public Stack stack() {
        return stack;
    }

    /** A value of the {@code edge.conf} the stack wrote (redis, kafka, postgres, postgres-user). */
    public String conf(String key) {
        return conf.get(key);
    }

    /** A namespace no other test of this JVM uses: its own Redis keys, channel, Kafka topic and tables. */
    public static String namespace(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet();
    }

    @Override
    public void close() throws Exception {
        stack.down(line -> System.out.println("[stack] " + line));
    }
}
