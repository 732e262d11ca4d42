package org.distriplace.app.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong or missing setting stops {@code edge} and {@code history-service} before anything is reached, naming it
 * (exit 2, one line), as for {@code node}.
 */
class EdgeSettingsRefusalsTest {

    @TempDir
    Path dir;

    private static final String[] SERVICES = {"--redis", "redis://127.0.0.1:1", "--kafka", "127.0.0.1:1",
        "--postgres", "jdbc:postgresql://127.0.0.1:1/distriplace", "--bind", "127.0.0.1", "--http-port", "0"};

    private static String refusal(String... args) {
        CommandRun run = new CommandRun();
        int status = run.run(args);
        assertEquals(2, status, "refused as a usage error: " + run.err() + run.out());
        return run.err();
    }

    private static String[] edge(String option, String value) {
        String[] args = new String[SERVICES.length + 3];
        args[0] = "edge";
        System.arraycopy(SERVICES, 0, args, 1, SERVICES.length);
        for (int i = 1; i < args.length - 2; i += 2) {
            if (args[i].equals(option)) {
                args[i + 1] = value;
                return java.util.Arrays.copyOf(args, args.length - 2);
            }
        }
        args[args.length - 2] = option;
        args[args.length - 1] = value;
        return args;
    }

    @Test
    void eachBadSettingIsNamed() {
        assertTrue(refusal("edge", "--bind", "127.0.0.1").contains("name the services: --redis, --kafka and "
            + "--postgres"), "nothing named");
        assertTrue(refusal(edge("--redis", "localhost:6379")).contains("--redis: 'localhost:6379' is not "
            + "redis://HOST:PORT"));
        assertTrue(refusal(edge("--kafka", "127.0.0.1")).contains("--kafka: '127.0.0.1' is not HOST:PORT"));
        assertTrue(refusal(edge("--postgres", "postgres://x/y")).contains("--postgres: 'postgres://x/y' is not a "
            + "PostgreSQL JDBC URL"));
        assertTrue(refusal(edge("--namespace", "Big Canvas")).contains("namespace: 'Big Canvas' must be "
            + "lower-case letters"));
        assertTrue(refusal(edge("--canvas", "0x10")).contains("canvas must be at least 1x1"));
        assertTrue(refusal(edge("--trusted-proxies", "nginx.local")).contains("--trusted-proxies: a trusted proxy "
            + "is an IP address"));
        assertTrue(refusal(edge("--cluster-secret", "change-me")).contains("placeholder everyone knows"));
        String reachable = refusal(edge("--bind", "0.0.0.0"));
        assertTrue(reachable.contains("an edge listening on 0.0.0.0 needs a secret of its own"), reachable);
        String history = refusal("history-service", "--kafka", "127.0.0.1:1");
        assertTrue(history.contains("name the services: --kafka and --postgres"), "no Redis asked of it: " + history);
    }

    @Test
    void aConfigFileWithAKeyThatIsNoOptionIsRefusedNamingItsLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("edge.conf"), "redis = redis://127.0.0.1:1\nkafak = x:1\n");
        CommandRun run = new CommandRun();
        run.run("edge", "--config", conf.toString());
        assertTrue(run.err().contains("line 2: unknown key 'kafak'"), run.err());
    }
}
