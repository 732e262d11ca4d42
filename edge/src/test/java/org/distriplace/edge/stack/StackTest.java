package org.distriplace.edge.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.edge.SharedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;

/** {@code stack up} starts what is not running, writes edge.conf, and a service stopped comes back on its port. */
class StackTest {

    private static SharedStack shared;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> shared = SharedStack.of(context);

    @Test
    void upWritesTheConfigurationAndRunningItAgainStartsNothing() throws Exception {
        Stack stack = shared.stack();
        List<String> said = new ArrayList<>();
        stack.up(said::add);
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.stream().allMatch(line -> line.contains("already running")), said.toString());
        List<String> conf = Files.readAllLines(stack.dir().resolve(Stack.CONF));
        assertTrue(conf.stream().anyMatch(line -> line.matches("redis = redis://127\\.0\\.0\\.1:\\d+")), conf::toString);
        assertTrue(conf.stream().anyMatch(line -> line.matches("kafka = 127\\.0\\.0\\.1:\\d+")), conf::toString);
        assertTrue(conf.stream().anyMatch(line -> line.matches(
            "postgres = jdbc:postgresql://127\\.0\\.0\\.1:\\d+/distriplace")), conf::toString);
    }

    @Test
    void aServiceStoppedStartsAgainOnItsPort() throws Exception {
        Stack stack = shared.stack();
        String before = shared.conf("redis");
        stack.stop("redis");
        assertTrue(!stack.running("redis"), "stopped");
        List<String> said = new ArrayList<>();
        stack.up(said::add);
        assertTrue(stack.running("redis"));
        assertEquals("redis: running at " + before, said.get(1), said.toString());
    }
}
